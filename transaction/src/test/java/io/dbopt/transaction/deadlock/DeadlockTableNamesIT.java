package io.dbopt.transaction.deadlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.Dialect;
import io.dbopt.transaction.DeadlockRecord;
import io.dbopt.transaction.TransactionErrorCode;
import io.dbopt.transaction.TransactionException;
import io.dbopt.transaction.TransactionManager;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hostile names for the deadlock table: each is accepted by the builder, the table is created and written through the
 * dialect's quoting, and a canary table survives; names PostgreSQL would truncate (64 and 65 bytes, where two names
 * would collide on their first 63 bytes) are refused when the manager is configured.
 */
@DbTest
class DeadlockTableNamesIT {

    static final List<String> HOSTILE = List.of(
            "dl\"quote", "dl`tick", "dl'single", "dl;--", "dl; DROP TABLE canary; --", "dl$$x$$", "dl\nline",
            "dl\ttab", "Dl Mixed Case", "dlé表", "select", "order", "table", "user", "dl.dot", "dl\\back",
            "d".repeat(63), "é".repeat(31) + "d");

    private static final DeadlockRecord RECORD = new DeadlockRecord(Instant.parse("2026-01-02T03:04:05Z"),
            DeadlockRecord.Source.CLIENT, Optional.of("transfer"), List.of(
                    new DeadlockRecord.Participant("101", "", "ShareLock", "transaction 7", "102", "UPDATE t SET x = ?",
                            true),
                    new DeadlockRecord.Participant("102", "", "ShareLock", "transaction 8", "101", "UPDATE t SET x = ?",
                            false)));

    @DialectTest
    void everyHostileNameIsQuotedAndTheCanarySurvives(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS canary", "CREATE TABLE canary (id int PRIMARY KEY)",
                "INSERT INTO canary VALUES (1)");
        Dialect dialect = db.dialect();
        for (String name : HOSTILE) {
            TransactionManager.builder().dataSource(db.dataSource()).persistDeadlocksTo(name).build().close();
            DeadlockLog log = new DeadlockLog(name);
            try (Connection c = db.connection()) {
                log.write(c, dialect, RECORD, Duration.ofSeconds(5));
                log.write(c, dialect, RECORD, Duration.ofSeconds(5));
            }
            assertThat(db.queryLong("SELECT count(*) FROM " + dialect.quote(name))).as(name).isEqualTo(2);
            assertThat(db.queryLong("SELECT count(*) FROM canary")).as("canary after " + name).isEqualTo(1);
            db.execute("DROP TABLE " + dialect.quote(name));
        }
    }

    @DialectTest
    void namesPostgresWouldTruncateAreRefusedWhenConfigured(TestDatabase db) {
        String ascii64 = "d".repeat(64);
        String ascii65 = "d".repeat(64) + "x";
        String twoByte64 = "é".repeat(32); // 32 characters, 64 bytes: fits MariaDB, truncated by PostgreSQL
        assertThat(twoByte64.getBytes(StandardCharsets.UTF_8)).hasSize(64);
        for (String name : List.of(ascii64, ascii65, twoByte64, "d".repeat(63) + "é")) {
            assertThatThrownBy(() -> TransactionManager.builder().dataSource(db.dataSource()).persistDeadlocksTo(name))
                    .as(name).isInstanceOf(TransactionException.class)
                    .hasMessageContaining("truncate")
                    .satisfies(e -> assertThat(((TransactionException) e).errorCode())
                            .isEqualTo(TransactionErrorCode.INVALID_CONFIGURATION));
        }
        for (String name : List.of("", "dl\0nul", "\uD800dl", "dl🚀")) {
            assertThatThrownBy(() -> TransactionManager.builder().dataSource(db.dataSource()).persistDeadlocksTo(name))
                    .isInstanceOf(TransactionException.class).hasMessageContaining("Deadlock table name");
        }
    }
}
