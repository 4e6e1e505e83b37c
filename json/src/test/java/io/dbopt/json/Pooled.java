package io.dbopt.json;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.TestDatabase;

/** A small HikariCP pool on a test database, for tests that make many short transactions. */
final class Pooled {

    private Pooled() {
    }

    static HikariDataSource of(TestDatabase db, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("json-test");
        return new HikariDataSource(config);
    }
}
