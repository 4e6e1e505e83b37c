package io.dbopt.health;

import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configurations for the health tests: the test database's URL and short, test-sized deadlines. */
final class HealthTests {

    private HealthTests() {
    }

    /** A URL for the database without parameters. */
    static String url(TestDatabase db) {
        return url(db.testDialect(), db.server().host(), db.server().port(), db.name());
    }

    /** The same database reached through a proxy. */
    static String url(TestDatabase db, TcpFaultProxy proxy) {
        return url(db.testDialect(), proxy.host(), proxy.port(), db.name());
    }

    static String url(TestDialect dialect, String host, int port, String database) {
        return (dialect == TestDialect.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://") + host + ":" + port
                + "/" + database;
    }

    /** Settings for {@code url}, with fast deadlines, quiet logging sink and the given overrides. */
    static DbOptConfig config(TestDatabase db, String url, Map<String, ?> overrides) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database.url", url);
        m.put("database.user", db.user());
        if (!db.password().isEmpty()) {
            m.put("database.password", db.password());
        }
        m.put("health.interval", "500ms");
        m.put("health.timeout", "2s");
        m.put("health.connect_timeout", "1s");
        m.put("health.statement_timeout", "1500ms");
        m.put("alerts.log", "false");
        m.putAll(overrides);
        return DbOptConfig.of(m);
    }

    static DbOptConfig config(TestDatabase db, Map<String, ?> overrides) {
        return config(db, url(db), overrides);
    }
}
