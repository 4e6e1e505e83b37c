package io.dbopt.transaction.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Severity;
import io.dbopt.transaction.BlockingTree;
import io.dbopt.transaction.DeadlockRecord;
import io.dbopt.transaction.ServerTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionFindingsTest {

    private static final Dialect POSTGRES = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private static final Dialect MARIADB = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));

    private static ServerTransaction session(String id, String state, long txSeconds, long stateSeconds,
                                             String... blockedBy) {
        return new ServerTransaction(id, "app", "app", state, Duration.ofSeconds(txSeconds),
                Duration.ofSeconds(stateSeconds), List.of(blockedBy), "", "UPDATE t SET x = ? WHERE id = ?");
    }

    @Test
    void reportsLongTransactionsButLeavesLongIdleOnesToCoresIdleInTransactionCheck() {
        List<Finding> findings = new TransactionFindings(POSTGRES).longRunning(List.of(
                session("1", "active", 90, 5),
                session("2", "idle in transaction", 120, 100),   // core's server.idle-in-transaction
                session("3", "idle in transaction", 120, 3),     // a long transaction briefly idle: ours
                session("4", "active", 30, 30),                  // young
                session("5", "active", 700, 1)));
        assertThat(findings).extracting(f -> f.object().name()).containsExactly("session 1", "session 3",
                "session 5");
        assertThat(findings.get(2).severity()).isEqualTo(Severity.ERROR);
        assertThat(findings.get(0).message()).contains("vacuum");
        assertThat(new TransactionFindings(MARIADB).longRunning(List.of(session("1", "active", 90, 5))).get(0)
                .message()).contains("purge");
    }

    @Test
    void blockingChainFixEndsTheRootSessionInTheServersSyntax() {
        BlockingTree tree = BlockingTree.of(List.of(session("10", "idle in transaction", 50, 50),
                session("11", "waiting for lock", 5, 5, "10"), session("12", "waiting for lock", 4, 4, "11")));
        Finding pg = new TransactionFindings(POSTGRES).blockingChains(tree).get(0);
        assertThat(pg.fix().statements()).containsExactly("SELECT pg_terminate_backend(10)");
        assertThat(pg.evidenceValue("blocked_sessions")).contains(2);
        assertThat(pg.evidenceValue("chain_depth")).contains(2);
        assertThat(new TransactionFindings(MARIADB).blockingChains(tree).get(0).fix().statements())
                .containsExactly("KILL 10");
    }

    @Test
    void latestDeadlockIsAWarningWithinTheHourAndMatchedToTheDatabaseByTableName() {
        DeadlockRecord record = new DeadlockRecord(Instant.parse("2024-01-01T10:00:00Z"), DeadlockRecord.Source.SERVER,
                Optional.empty(), List.of(new DeadlockRecord.Participant("7", "100", "X", "index PRIMARY of table "
                + "`shop`.`item`", "8", "UPDATE item SET qty = ?", true)));
        Finding recent = new TransactionFindings(MARIADB).latestDeadlock(record, Instant.parse("2024-01-01T10:30:00Z"));
        assertThat(recent.severity()).isEqualTo(Severity.WARNING);
        assertThat(new TransactionFindings(MARIADB).latestDeadlock(record, Instant.parse("2024-01-02T10:00:00Z"))
                .severity()).isEqualTo(Severity.INFO);
        assertThat(TransactionFindings.involves(record, "shop")).isTrue();
        assertThat(TransactionFindings.involves(record, "other")).isFalse();
    }
}
