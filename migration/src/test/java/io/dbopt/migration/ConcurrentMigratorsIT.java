package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbopt.core.DbOptException;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.dbopt.migration.history.HistoryLock;

/** Reliability test 2: four migrators at once; the lock holder's connection killed. */
@DbTest
class ConcurrentMigratorsIT {

    private static List<CompletableFuture<MigrateReport>> startTogether(ExecutorService pool,
                                                                        List<MigrationFramework> migrators) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<MigrateReport>> futures = new ArrayList<>();
        for (MigrationFramework m : migrators) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return m.migrate();
            }, pool));
        }
        start.countDown();
        return futures;
    }

    private static long historyRows(TestDatabase db, String table, String version, boolean success) {
        return db.queryLong("SELECT count(*) FROM " + table + " WHERE version = '" + version + "' AND success = "
                + (success ? "true" : "false"));
    }

    @DialectTest
    @Timeout(120)
    void fourMigratorsApplyEachVersionExactlyOnce(TestDatabase db) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<MigrationFramework> migrators = List.of(PluginLayoutIT.plugins(db), PluginLayoutIT.plugins(db),
                    PluginLayoutIT.plugins(db), PluginLayoutIT.plugins(db));
            List<CompletableFuture<MigrateReport>> futures = startTogether(pool, migrators);
            int applied = futures.stream().map(CompletableFuture::join).mapToInt(MigrateReport::appliedCount).sum();

            assertThat(applied).isEqualTo(7);
            for (String[] v : new String[][] {{"core", "1"}, {"core", "2"}, {"projects", "1"}, {"projects", "2"},
                    {"documents", "1"}, {"documents", "2"}, {"handoffs", "1"}}) {
                assertThat(historyRows(db, "flyway_schema_history_" + v[0], v[1], true)).as(v[0] + ":" + v[1]).isOne();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @DialectTest
    @Timeout(150)
    void killingTheLockHoldersConnectionLetsTheOthersApplyItOnce(TestDatabase db, TestDialect which, @TempDir Path dir)
            throws Exception {
        boolean pg = which == TestDialect.POSTGRESQL;
        db.execute("CREATE TABLE blocker (id int PRIMARY KEY)", "INSERT INTO blocker VALUES (1)");
        Path folder = Scripts.write(dir, "locked", "V1__two_statements.sql", """
                CREATE TABLE audit_log (id bigint PRIMARY KEY);
                ALTER TABLE blocker ADD COLUMN c int;
                """);
        List<MigrationFramework> migrators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            migrators.add(Scripts.single(db, "locked", folder, Duration.ofSeconds(60)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Connection holder = db.connection(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.executeQuery("SELECT * FROM blocker").close();

            List<CompletableFuture<MigrateReport>> futures = startTogether(pool, migrators);
            await().atMost(Duration.ofSeconds(60)).until(() -> db.queryLong(pg
                    ? "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            + "AND wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE blocker%'"
                    : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() "
                            + "AND STATE = 'Waiting for table metadata lock' AND INFO LIKE 'ALTER TABLE blocker%'") == 1);

            long lockHolder = pg
                    ? db.queryLong("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                            + "AND ((classid::bigint << 32) | objid::bigint) = "
                            + HistoryLock.postgresKey("public", "flyway_schema_history_locked"))
                    : db.queryLong("SELECT IS_USED_LOCK('" + HistoryLock.mariaDbName(db.name(),
                            "flyway_schema_history_locked") + "')");
            db.execute(pg ? "SELECT pg_terminate_backend(" + lockHolder + ")" : "KILL CONNECTION " + lockHolder);
            await().atMost(Duration.ofSeconds(60)).until(() -> futures.stream().anyMatch(
                    CompletableFuture::isCompletedExceptionally));
            holder.rollback();

            List<DbOptException> failures = new ArrayList<>();
            int applied = 0;
            List<AppliedMigration> applications = new ArrayList<>();
            for (CompletableFuture<MigrateReport> f : futures) {
                try {
                    MigrateReport r = f.join();
                    applied += r.appliedCount();
                    applications.addAll(r.applied());
                } catch (CompletionException e) {
                    failures.add((DbOptException) e.getCause());
                }
            }
            assertThat(failures).singleElement().satisfies(e -> assertThat(e.errorKind())
                    .contains(io.dbopt.core.ErrorKind.CONNECTION_LOST));
            assertThat(applied).isOne();
            assertThat(historyRows(db, "flyway_schema_history_locked", "1", true)).isOne();
            assertThat(historyRows(db, "flyway_schema_history_locked", "1", false)).isZero();
            assertThat(db.queryLong("SELECT count(c) + 1 FROM blocker")).isOne();
            assertThat(db.queryLong("SELECT count(*) FROM audit_log")).isZero();
            if (!pg) {
                // MariaDB committed the CREATE TABLE of the killed migrator; the next one compensated it first
                assertThat(applications.get(0).recoveredStatements()).singleElement().asString()
                        .startsWith("CREATE TABLE audit_log");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
