package io.dbopt.migration.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.MigrationSet;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import io.dbopt.testkit.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

/** Reliability test 4: cached plans after a migration are handled at most once per pooled connection. */
@DbTest
class CachedPlanGuardIT {

    private static final int POOL = 3;

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(POOL);
        config.setAutoCommit(false);
        config.addDataSourceProperty("prepareThreshold", "1");
        return new HikariDataSource(config);
    }

    /** Borrows every pooled connection at once and runs the query in a fresh transaction; returns the failures. */
    private static List<String> useEveryConnection(DataSource ds) throws SQLException {
        return useEveryConnection(ds, "orders");
    }

    private static List<String> useEveryConnection(DataSource ds, String table) throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            for (int i = 0; i < POOL; i++) {
                borrowed.add(ds.getConnection());
            }
            for (Connection c : borrowed) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
                    ps.setLong(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                    c.commit();
                } catch (SQLException e) {
                    failures.add(e.getSQLState());
                    if (!c.isClosed()) {
                        c.rollback();
                    }
                }
            }
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
        return failures;
    }

    @DialectTest
    void afterAnInProcessMigrationPooledConnectionsAreHealedBeforeTheyFail(TestDatabase db, TestDialect which,
                                                                            @TempDir Path dir) throws Exception {
        boolean pg = which == TestDialect.POSTGRESQL;
        db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20))", "INSERT INTO orders VALUES (1, 'new')");
        Files.writeString(dir.resolve("V1__note.sql"), "ALTER TABLE orders ADD COLUMN note varchar(20);");
        MigrationFramework framework = MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder("orders").location("filesystem:" + dir).build()).load();

        try (HikariDataSource pool = pool(db)) {
            // the problem: after a schema change every pooled connection fails once (and HikariCP evicts it)
            assertThat(useEveryConnection(pool)).isEmpty();
            db.execute("ALTER TABLE orders ADD COLUMN priority int");
            assertThat(useEveryConnection(pool)).hasSize(pg ? POOL : 0).allMatch("0A000"::equals);
            assertThat(useEveryConnection(pool)).isEmpty();

            // the fix: after an in-process migration each connection is healed when borrowed, nothing fails
            CachedPlanGuard guarded = CachedPlanGuard.wrap(pool, framework.schemaEpoch());
            assertThat(useEveryConnection(guarded)).isEmpty();
            framework.migrate();
            assertThat(useEveryConnection(guarded)).isEmpty();
            assertThat(useEveryConnection(guarded)).isEmpty();
            assertThat(guarded.heals()).isEqualTo(pg ? POOL : 0);
        }
    }

    @DialectTest
    void afterAChangeMadeElsewhereEachConnectionHealsAtMostOnce(TestDatabase db, TestDialect which) throws Exception {
        boolean pg = which == TestDialect.POSTGRESQL;
        db.execute("CREATE TABLE orders_elsewhere (id bigint PRIMARY KEY, status varchar(20))", "INSERT INTO orders_elsewhere VALUES (1, 'new')");
        try (FixedPool pool = new FixedPool(db, POOL)) {
            CachedPlanGuard guarded = CachedPlanGuard.wrap(pool, new SchemaEpoch());
            assertThat(useEveryConnection(guarded, "orders_elsewhere")).isEmpty();
            db.execute("ALTER TABLE orders_elsewhere ADD COLUMN source varchar(10)");
            // the first statement of each transaction fails with 0A000; the guard heals the connection and retries
            assertThat(useEveryConnection(guarded, "orders_elsewhere")).isEmpty();
            assertThat(useEveryConnection(guarded, "orders_elsewhere")).isEmpty();
            assertThat(guarded.retries()).isEqualTo(pg ? POOL : 0);
            assertThat(guarded.heals()).isEqualTo(pg ? POOL : 0);
        }
    }
}
