package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reliability test 3: CREATE INDEX CONCURRENTLY, INVALID leftovers, and lock timeouts. */
@DbTest
class ConcurrentIndexIT {

    private static final String INVALID = "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            + "WHERE c.relname = '%s' AND NOT i.indisvalid";
    private static final String VALID = "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            + "WHERE c.relname = '%s' AND i.indisvalid";

    private static void items(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS items", "CREATE TABLE items (id bigint PRIMARY KEY, code text)",
                "INSERT INTO items SELECT g, 'code-' || g FROM generate_series(1, 200) g");
    }

    @DialectTest(TestDialect.POSTGRESQL)
    @Timeout(90)
    void flywaysTransactionLockHangsAConcurrentBuildButDboptRunsIt(TestDatabase db, @TempDir Path dir) {
        items(db);
        Path folder = Scripts.write(dir, "hang", "V1__items_code_idx.sql",
                "CREATE INDEX CONCURRENTLY items_code_idx ON items (code);");

        // the problem: Flyway's default transaction-level advisory lock keeps a transaction open that the build waits for
        Flyway plain = Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + folder)
                .table("plain_flyway_history").baselineOnMigrate(true).baselineVersion("0").load();
        CompletableFuture<Object> hanging = CompletableFuture.supplyAsync(plain::migrate);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.queryLong("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock' "
                + "AND query LIKE 'CREATE INDEX CONCURRENTLY%'") == 1);
        assertThat(hanging).isNotDone();
        db.queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        assertThatThrownBy(hanging::join).isInstanceOf(CompletionException.class);
        // the killed build may have finished or left an INVALID index behind: start the fix from a clean table
        db.execute("DROP INDEX IF EXISTS items_code_idx");

        // the fix: a session-level lock, and the script run outside a transaction
        MigrationFramework framework = Scripts.single(db, "hang", folder, Duration.ofSeconds(10));
        MigrateReport report = framework.migrate();
        assertThat(report.applied()).singleElement().satisfies(a -> assertThat(a.transactional()).isFalse());
        assertThat(db.queryLong(VALID.formatted("items_code_idx"))).isEqualTo(1);
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void invalidIndexFromAFailedBuildIsDroppedBeforeTheRetry(TestDatabase db, @TempDir Path dir) {
        items(db);
        db.execute("INSERT INTO items VALUES (1000, 'code-1')");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY items_code_uq ON items (code)"))
                .hasMessageContaining("could not create unique index");
        assertThat(db.queryLong(INVALID.formatted("items_code_uq"))).isEqualTo(1);
        // the problem: IF NOT EXISTS skips the broken index, and the "migration" succeeds without a usable index
        db.execute("DELETE FROM items WHERE id = 1000",
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_code_uq ON items (code)");
        assertThat(db.queryLong(INVALID.formatted("items_code_uq"))).isEqualTo(1);

        Path folder = Scripts.write(dir, "retry", "V1__items_code_uq.sql",
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_code_uq ON items (code);");
        MigrateReport report = Scripts.single(db, "retry", folder, Duration.ofSeconds(10)).migrate();

        assertThat(report.applied().get(0).recoveredInvalidIndexes()).containsExactly("items_code_uq");
        assertThat(db.queryLong(VALID.formatted("items_code_uq"))).isEqualTo(1);
        assertThat(db.queryLong(INVALID.formatted("items_code_uq"))).isZero();
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void failedConcurrentBuildIsCompensatedAndLeavesNoInvalidIndex(TestDatabase db, @TempDir Path dir) {
        items(db);
        db.execute("INSERT INTO items VALUES (1000, 'code-1')");
        Path folder = Scripts.write(dir, "compensate", "V1__items_code_uq.sql",
                "CREATE UNIQUE INDEX CONCURRENTLY items_code_uq ON items (code);");
        MigrationFramework framework = Scripts.single(db, "compensate", folder, Duration.ofSeconds(10));

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, framework::migrate);

        assertThat(failed.failure().transactional()).isFalse();
        assertThat(failed.failure().restored()).isTrue();
        assertThat(failed.failure().historyCleaned()).isTrue();
        assertThat(failed.errorKind()).contains(ErrorKind.UNIQUE_VIOLATION);
        assertThat(failed.getMessage()).doesNotContain("code-1");
        assertThat(db.queryLong(INVALID.formatted("items_code_uq"))).isZero();
        db.execute("DELETE FROM items WHERE id = 1000");
        assertThat(framework.migrate().appliedCount()).isEqualTo(1);
    }

    @DialectTest
    @Timeout(60)
    void blockedMigrationFailsFastWithTheLockTimeout(TestDatabase db, TestDialect which, @TempDir Path dir)
            throws Exception {
        db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name varchar(20))",
                "INSERT INTO accounts VALUES (1, 'a')");
        Path folder = Scripts.write(dir, "blocked", "V1__note.sql", "ALTER TABLE accounts ADD COLUMN note varchar(20);");
        MigrationFramework framework = Scripts.single(db, "blocked", folder, Duration.ofSeconds(1));
        try (Connection holder = db.connection(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.executeQuery("SELECT * FROM accounts").close();

            MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, framework::migrate);
            assertThat(failed.errorKind()).contains(ErrorKind.LOCK_TIMEOUT);
            assertThat(failed.failure().restored()).isTrue();
            holder.rollback();
        }
        assertThat(framework.migrate().appliedCount()).isEqualTo(1);
        assertThat(framework.info().set("blocked").currentVersion()).contains("1");
        assertThat(which).isNotNull();
    }

    @DialectTest(TestDialect.POSTGRESQL)
    @Timeout(60)
    void concurrentBuildBehindAnIdleTransactionFailsWithinTheLockTimeout(TestDatabase db, @TempDir Path dir)
            throws Exception {
        db.execute("CREATE TABLE cic_items (id bigint PRIMARY KEY, code varchar(20))", "CREATE TABLE cic_other (id int)");
        Path folder = Scripts.write(dir, "cic", "V1__code_index.sql",
                "CREATE INDEX CONCURRENTLY cic_items_code_idx ON cic_items (code);");
        MigrationFramework framework = Scripts.single(db, "cic", folder, Duration.ofSeconds(2));
        try (Connection holder = db.connection(); Statement st = holder.createStatement()) {
            // idle in transaction on another table: no lock on cic_items, but the build must wait for its snapshot
            holder.setAutoCommit(false);
            st.executeQuery("SELECT * FROM cic_other").close();

            long t0 = System.nanoTime();
            MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, framework::migrate);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            assertThat(failed.errorKind()).contains(ErrorKind.LOCK_TIMEOUT);
            assertThat(failed.getMessage()).contains("V1__code_index.sql");
            assertThat(db.queryLong(INVALID.formatted("cic_items_code_idx"))).isZero();
            holder.rollback();
        }
        assertThat(framework.migrate().appliedCount()).isEqualTo(1);
    }
}
