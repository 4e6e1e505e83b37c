package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.DbOptException;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.history.HistoryLock;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A migrator or rollback waiting for a history lock another session holds gives up after lockWait. */
@DbTest
@Timeout(90)
class HistoryLockWaitIT {

    @DialectTest
    void waitersGiveUpAfterLockWaitWithALockTimeout(TestDatabase db, @TempDir Path dir) throws Exception {
        Path folder = Scripts.write(dir, "core", "V1__a.sql", "CREATE TABLE lock_a (id int PRIMARY KEY);");
        MigrationFramework framework = MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder("core").location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(2)).lockWait(Duration.ofSeconds(2)).load();
        framework.migrate();
        Scripts.write(dir, "core", "V2__b.sql", "CREATE TABLE lock_b (id int PRIMARY KEY);");

        try (Connection holder = db.connection()) {
            String schema = Jdbc.queryFirst(holder, framework.dialect().currentSchemaQuery(), rs -> rs.getString(1))
                    .orElseThrow();
            try (HistoryLock lock = HistoryLock.acquire(holder, framework.dialect(), schema,
                    framework.set("core").historyTable(), Duration.ofSeconds(5))) {
                long t0 = System.nanoTime();
                DbOptException migrate = catchThrowableOfType(DbOptException.class, framework::migrate);
                Duration migrateTook = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(migrate).isNotNull();
                assertThat(migrate.errorCode()).isEqualTo(MigrationErrorCode.LOCK_TIMEOUT);
                assertThat(migrate.getMessage()).contains("core").contains("lock");
                assertThat(migrateTook).isLessThan(Duration.ofSeconds(30));

                t0 = System.nanoTime();
                DbOptException rollback = catchThrowableOfType(DbOptException.class,
                        () -> framework.rollback("core", RollbackTarget.count(1)));
                assertThat(rollback.errorCode()).isEqualTo(MigrationErrorCode.LOCK_TIMEOUT);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
            }
        }
        assertThat(framework.migrate().appliedCount()).isEqualTo(1);
    }

    /**
     * On a connection lent with autocommit off (a pool configured so), a wait that times out aborts the transaction
     * the lock timeout was set in: the waiter still gives up with {@link MigrationErrorCode#LOCK_TIMEOUT}, not with the
     * failure of putting the timeout back in the aborted transaction, and the connection keeps its own timeout.
     */
    @DialectTest(TestDialect.POSTGRESQL)
    void aWaiterWithAutocommitOffGivesUpWithALockTimeoutAndKeepsItsOwnTimeout(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path folder = Scripts.write(dir, "manual", "V1__a.sql", "CREATE TABLE lock_m (id int PRIMARY KEY);");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(1);
        config.setAutoCommit(false);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = '4321ms'");
                c.commit();
            }
            MigrationFramework framework = MigrationFramework.configure().dataSource(pool)
                    .set(MigrationSet.builder("manual").location("filesystem:" + folder).build())
                    .lockTimeout(Duration.ofSeconds(2)).lockWait(Duration.ofSeconds(1)).load();
            try (Connection holder = db.connection();
                 HistoryLock lock = HistoryLock.acquire(holder, framework.dialect(), Jdbc.queryFirst(holder,
                         framework.dialect().currentSchemaQuery(), rs -> rs.getString(1)).orElseThrow(),
                         framework.set("manual").historyTable(), Duration.ofSeconds(5))) {
                DbOptException migrate = catchThrowableOfType(DbOptException.class, framework::migrate);

                assertThat(migrate).isNotNull();
                assertThat(migrate.errorCode()).isEqualTo(MigrationErrorCode.LOCK_TIMEOUT);
            }
            try (Connection c = pool.getConnection()) {
                assertThat(Jdbc.queryFirst(c, "SELECT current_setting('lock_timeout')", rs -> rs.getString(1)))
                        .contains("4321ms");
                c.rollback();
            }
        }
    }
}
