package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migrate run borrows its connections from the user's data source, usually a pool, and sets a lock timeout on
 * them (and a script may set its own): the connection goes back with the session's lock timeouts as they were, after
 * a successful run and after a failed one, so the application's later statements on it do not wait for locks with
 * the migration's timeout. A HikariCP pool of as few connections as the run needs makes every borrow one of the same
 * physical connections, told apart by their server session id.
 */
@DbTest
@Timeout(180)
class SessionSettingsRestoredIT {

    @DialectTest
    void thePooledConnectionGoesBackWithItsLockTimeoutsAfterAMigration(TestDatabase db, @TempDir Path dir)
            throws SQLException {
        boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
        Path folder = Scripts.write(dir, "restored",
                "V1__table.sql", "CREATE TABLE sr_a (id bigint PRIMARY KEY);\n",
                "V2__own_timeout.sql", (postgres ? "SET lock_timeout = '2s';\n"
                        : "SET SESSION lock_wait_timeout = 7;\n") + "ALTER TABLE sr_a ADD COLUMN c2 int;\n");
        try (HikariDataSource pool = smallestPool(db, true)) {
            Map<String, List<String>> before = setApplicationTimeouts(db, pool);

            assertThat(framework(pool, folder, "restored").migrate().appliedCount()).isEqualTo(2);

            assertThat(timeouts(db, pool)).isEqualTo(before);
        }
    }

    @DialectTest
    void thePooledConnectionGoesBackWithItsLockTimeoutsAfterAFailedMigration(TestDatabase db, @TempDir Path dir)
            throws SQLException {
        Path folder = Scripts.write(dir, "failing",
                "V1__table.sql", "CREATE TABLE sr_b (id bigint PRIMARY KEY);\n",
                "V2__fails.sql", "ALTER TABLE sr_b ADD COLUMN c2 int;\nALTER TABLE sr_b ADD COLUMN c2 int;\n");
        try (HikariDataSource pool = smallestPool(db, true)) {
            Map<String, List<String>> before = setApplicationTimeouts(db, pool);

            Throwable thrown = catchThrowable(framework(pool, folder, "failing")::migrate);

            assertThat(thrown).isInstanceOf(MigrationFailedException.class);
            assertThat(((MigrationFailedException) thrown).failure().version()).isEqualTo("2");
            assertThat(timeouts(db, pool)).isEqualTo(before);
        }
    }

    /**
     * A pool lending connections with autocommit off rolls back what is left open when one comes back, which on
     * PostgreSQL would undo a restoring {@code set_config} run after Flyway turned autocommit off again.
     */
    @DialectTest(TestDialect.POSTGRESQL)
    void aPoolWithAutocommitOffGetsItsLockTimeoutBackToo(TestDatabase db, @TempDir Path dir) throws SQLException {
        Path folder = Scripts.write(dir, "manual",
                "V1__table.sql", "CREATE TABLE sr_c (id bigint PRIMARY KEY);\n",
                "V2__alter.sql", "ALTER TABLE sr_c ADD COLUMN c2 int;\n");
        try (HikariDataSource pool = smallestPool(db, false)) {
            Map<String, List<String>> before = setApplicationTimeouts(db, pool);

            assertThat(framework(pool, folder, "manual").migrate().appliedCount()).isEqualTo(2);

            assertThat(timeouts(db, pool)).isEqualTo(before);
        }
    }

    /**
     * A HikariCP pool of as few connections as a migrate run needs: one on PostgreSQL; two on MariaDB, where dbopt
     * keeps its migration state on a second connection while Flyway holds the first.
     */
    private static HikariDataSource smallestPool(TestDatabase db, boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size(db));
        config.setMinimumIdle(size(db));
        config.setConnectionTimeout(30_000);
        config.setPoolName("session-settings");
        config.setAutoCommit(autoCommit);
        return new HikariDataSource(config);
    }

    private static int size(TestDatabase db) {
        return db.testDialect() == TestDialect.POSTGRESQL ? 1 : 2;
    }

    /**
     * Sets the application's own lock timeouts, none of them the server's default, on every pooled connection;
     * returns them by the connection's server session id.
     */
    private static Map<String, List<String>> setApplicationTimeouts(TestDatabase db, DataSource pool)
            throws SQLException {
        boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < size(db); i++) {
                all.add(pool.getConnection());
                try (Statement s = all.get(i).createStatement()) {
                    s.execute(postgres ? "SET lock_timeout = '432" + i + "ms'"
                            : "SET SESSION lock_wait_timeout = 432" + i + ", innodb_lock_wait_timeout = 12" + i);
                }
                if (!all.get(i).getAutoCommit()) {
                    all.get(i).commit();
                }
            }
        } finally {
            closeAll(all);
        }
        Map<String, List<String>> set = timeouts(db, pool);
        assertThat(set).hasSize(size(db)).allSatisfy((session, values) -> assertThat(values.get(0))
                .startsWith("432"));
        return set;
    }

    /** The lock timeouts of every pooled connection, borrowed all at once, by the server session id. */
    private static Map<String, List<String>> timeouts(TestDatabase db, DataSource pool) throws SQLException {
        boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
        Map<String, List<String>> bySession = new TreeMap<>();
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < size(db); i++) {
                all.add(pool.getConnection());
                try (Statement s = all.get(i).createStatement(); ResultSet rs = s.executeQuery(postgres
                        ? "SELECT pg_backend_pid()::text, current_setting('lock_timeout')"
                        : "SELECT CONNECTION_ID(), @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")) {
                    assertThat(rs.next()).isTrue();
                    bySession.put(rs.getString(1), postgres ? List.of(rs.getString(2))
                            : List.of(rs.getString(2), rs.getString(3)));
                }
            }
        } finally {
            closeAll(all);
        }
        return bySession;
    }

    private static void closeAll(List<Connection> all) throws SQLException {
        for (Connection c : all) {
            c.close();
        }
    }

    private static MigrationFramework framework(DataSource dataSource, Path folder, String set) {
        return MigrationFramework.configure().dataSource(dataSource)
                .set(MigrationSet.builder(set).location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(5)).lockWait(Duration.ofSeconds(60)).load();
    }
}
