package io.dbopt.transaction;

import io.dbopt.core.component.ComponentMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TransactionManager} did since it was built, and what it is doing now, taken at one moment: the
 * answer of {@link TransactionManager#metrics()}. Immutable.
 *
 * @param at when the snapshot was taken
 * @param stats commits, rollbacks, retries and failures so far
 * @param open transactions of this manager open now
 * @param oldestOpen how long the oldest of them has been open; zero when none is
 * @param deadlocksCaptured deadlocks this manager's transactions were victims of that are still kept in memory
 */
public record TransactionMetrics(Instant at, TransactionStats stats, int open, Duration oldestOpen,
                                 int deadlocksCaptured) implements ComponentMetrics {

    /** Validates. */
    public TransactionMetrics {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(oldestOpen, "oldestOpen");
    }

    @Override
    public Map<String, Number> values() {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("commits", stats.commits());
        v.put("rollbacks", stats.rollbacks());
        v.put("retries", stats.totalRetries());
        v.put("failures", stats.totalFailures());
        v.put("retries_exhausted", stats.retriesExhausted());
        v.put("outcome_unknown", stats.outcomeUnknown());
        v.put("outcome_resolved", stats.outcomeResolved());
        v.put("open", open);
        v.put("oldest_open_ms", oldestOpen.toMillis());
        v.put("deadlocks_captured", deadlocksCaptured);
        return java.util.Collections.unmodifiableMap(v);
    }
}
