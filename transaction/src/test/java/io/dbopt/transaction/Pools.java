package io.dbopt.transaction;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;

/** Real pools for tests: connection reuse is what tenant and session-state tests must survive. */
final class Pools {

    private Pools() {
    }

    /** A Hikari pool over the test database; on PostgreSQL deadlocks are detected after 100 ms instead of 1 s. */
    static HikariDataSource pool(TestDatabase db, int size) {
        return pool(db, db.jdbcUrl(), size);
    }

    /** A pool whose connections run {@code initSql} when opened (session settings). */
    static HikariDataSource pool(TestDatabase db, int size, String initSql) {
        return pool(db, db.jdbcUrl(), size, initSql);
    }

    /** A pool with another URL for the same database (through a fault proxy, for example). */
    static HikariDataSource pool(TestDatabase db, String url, int size) {
        return pool(db, url, size, db.testDialect() == TestDialect.POSTGRESQL ? "SET deadlock_timeout = '100ms'" : null);
    }

    private static HikariDataSource pool(TestDatabase db, String url, int size, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setPoolName("test-" + db.testDialect().id());
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        return new HikariDataSource(config);
    }
}
