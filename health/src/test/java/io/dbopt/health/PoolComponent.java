package io.dbopt.health;

import io.dbopt.core.component.ComponentMetrics;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.PoolSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dbopt pool seen as a {@link DbOptComponent}, through the pool's public snapshot only (no database call): the
 * shape the monitor attaches. Its numbers use the names the monitor reads ({@code checked_out}, {@code max_size},
 * {@code waiting}).
 */
final class PoolComponent implements DbOptComponent<PoolComponent.Values> {

    private final String name;
    private final ConnectionPoolManager pool;

    PoolComponent(String name, ConnectionPoolManager pool) {
        this.name = name;
        this.pool = pool;
    }

    record Values(Instant at, Map<String, Number> values) implements ComponentMetrics {
    }

    @Override
    public String componentName() {
        return name;
    }

    @Override
    public Values metrics() {
        PoolSnapshot s = pool.metrics().snapshot();
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("size", s.total());
        v.put("checked_out", s.active());
        v.put("checked_in", s.idle());
        v.put("max_size", s.max());
        v.put("waiting", s.pending());
        v.put("acquisitions", s.acquisitions());
        return new Values(Instant.now(), v);
    }

    @Override
    public Health healthCheck() {
        PoolSnapshot s = pool.metrics().snapshot();
        return Health.builder(name).detail("pool", s.describe()).build();
    }

    @Override
    public void close() {
        // the test closes the pool
    }
}
