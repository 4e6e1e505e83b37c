package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;

/**
 * Reliability test 5: 20 transfer workers and a reader run for a bounded time while a chaos thread terminates
 * random backends of this test's own database. Every read sums to the total, no balance goes negative, and the
 * ledger holds every acknowledged transfer plus only some of those whose COMMIT outcome was unknown. Every transfer
 * also checks, between its debit and its credit, that its session is inside an open transaction (auto-commit off),
 * and a read that breaks the invariant says its session's state: a failure names which side went wrong.
 */
@DbTest
class BankInvariantIT {

    private static final int ACCOUNTS = 20;
    private static final int WORKERS = 20;
    private static final long START_BALANCE = 1_000;
    private static final Duration RUN_FOR = Duration.ofSeconds(5);

    @DialectTest
    @Timeout(90)
    void moneyIsNeitherCreatedNorLostWhileBackendsAreTerminated(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS ledger", "DROP TABLE IF EXISTS account",
                "CREATE TABLE account (id int PRIMARY KEY, balance bigint NOT NULL)",
                "CREATE TABLE ledger (transfer_id varchar(36) PRIMARY KEY, from_id int NOT NULL, to_id int NOT NULL,"
                        + " amount bigint NOT NULL)");
        StringBuilder insert = new StringBuilder("INSERT INTO account VALUES ");
        for (int i = 1; i <= ACCOUNTS; i++) {
            insert.append(i == 1 ? "" : ", ").append('(').append(i).append(", ").append(START_BALANCE).append(')');
        }
        db.execute(insert.toString());
        long total = ACCOUNTS * START_BALANCE;

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> unknown = ConcurrentHashMap.newKeySet();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger kills = new AtomicInteger();
        AtomicLong reads = new AtomicLong();
        long deadline = System.nanoTime() + RUN_FOR.toNanos();

        try (HikariDataSource pool = Pools.pool(db, WORKERS + 2)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool)
                    .retryPolicy(RetryPolicy.defaults().withMaxAttempts(20).withMaxElapsed(Duration.ofSeconds(20)))
                    .build();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                tasks.add(() -> {
                    while (System.nanoTime() < deadline) {
                        transfer(tm, acknowledged, unknown, violations, db.testDialect());
                    }
                    return null;
                });
            }
            tasks.add(() -> {
                while (System.nanoTime() < deadline) {
                    read(tm, total, violations, db.testDialect());
                    reads.incrementAndGet();
                }
                return null;
            });
            tasks.add(() -> {
                try (Connection admin = db.connection()) {
                    while (System.nanoTime() < deadline) {
                        if (terminateOneBackend(admin, db.testDialect())) {
                            kills.incrementAndGet();
                        }
                        Thread.sleep(ThreadLocalRandom.current().nextLong(50, 200)); // chaos pacing, not a wait
                    }
                }
                return null;
            });
            Concurrency.runAll(tasks);

            TransactionStats stats = tm.monitor().stats();
            assertThat(kills.get()).as("the chaos thread terminated backends").isGreaterThan(3);
            assertThat(stats.retries(ErrorKind.CONNECTION_LOST)).as("terminated transactions were retried")
                    .isPositive();
            assertThat(acknowledged).hasSizeGreaterThan(50);
            assertThat(reads.get()).isPositive();
        }

        assertThat(db.queryLong("SELECT sum(balance) FROM account")).isEqualTo(total);
        assertThat(db.queryLong("SELECT min(balance) FROM account")).isNotNegative();
        Map<Integer, Long> expected = new HashMap<>();
        Set<String> ledger = new HashSet<>();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT transfer_id, from_id, to_id, amount FROM ledger")) {
            while (rs.next()) {
                ledger.add(rs.getString(1));
                expected.merge(rs.getInt(2), -rs.getLong(4), Long::sum);
                expected.merge(rs.getInt(3), rs.getLong(4), Long::sum);
            }
        }
        assertThat(ledger).as("every acknowledged transfer is in the ledger").containsAll(acknowledged);
        Set<String> unexplained = new HashSet<>(ledger);
        unexplained.removeAll(acknowledged);
        assertThat(unknown).as("the ledger holds nothing beyond acknowledged and unknown-outcome transfers")
                .containsAll(unexplained);
        for (int id = 1; id <= ACCOUNTS; id++) {
            assertThat(db.queryLong("SELECT balance FROM account WHERE id = " + id)).as("account %d matches the ledger",
                    id).isEqualTo(START_BALANCE + expected.getOrDefault(id, 0L));
        }
        assertThat(violations).as("every read saw the total and no negative balance").isEmpty();
    }

    static void transfer(TransactionManager tm, Set<String> acknowledged, Set<String> unknown, List<String> violations,
                         TestDialect dialect) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(1, ACCOUNTS + 1);
        int to = random.nextInt(1, ACCOUNTS);
        if (to >= from) {
            to++;
        }
        long amount = random.nextLong(1, 200);
        String id = UUID.randomUUID().toString();
        int target = to;
        try {
            boolean done = tm.execute(TransactionOptions.named("transfer"), tx -> {
                if (tx.update("UPDATE account SET balance = balance - ? WHERE id = ? AND balance >= ?", amount, from,
                        amount) == 0) {
                    return false; // insufficient funds
                }
                String session = dialect == TestDialect.MARIADB
                        ? "SELECT concat(@@autocommit, ' ', @@in_transaction, ' ', @@tx_isolation)"
                        : "SELECT concat(current_setting('transaction_isolation'), ' ', txid_current_if_assigned())";
                String state = tx.queryFirst(session, rs -> rs.getString(1)).orElse("?");
                if (dialect == TestDialect.MARIADB ? !(state.startsWith("0 1 ") || state.startsWith("OFF 1 ")) : state.endsWith(" ")) {
                    violations.add("transfer " + id + " debited outside a transaction: " + state);
                }
                tx.update("UPDATE account SET balance = balance + ? WHERE id = ?", amount, target);
                tx.update("INSERT INTO ledger VALUES (?, ?, ?, ?)", id, from, target, amount);
                return true;
            });
            if (done) {
                acknowledged.add(id);
            }
        } catch (CommitOutcomeUnknownException e) {
            unknown.add(id);
        } catch (TransactionException e) {
            // not acknowledged and rolled back: retries exhausted or no connection while the pool was recovering
        }
    }

    static void read(TransactionManager tm, long total, List<String> violations, TestDialect dialect) {
        String session = dialect == TestDialect.MARIADB
                ? "concat(@@autocommit, ' ', @@in_transaction, ' ', @@tx_isolation, ' ', @@tx_read_only)"
                : "current_setting('transaction_isolation')";
        try {
            String[] seen = tm.execute(TransactionOptions.named("audit").readOnly(), tx -> tx.queryFirst(
                    "SELECT sum(balance), min(balance), " + session + " FROM account",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).orElseThrow());
            if (Long.parseLong(seen[0]) != total || Long.parseLong(seen[1]) < 0) {
                // read again at once: a state that was committed stays, a glimpse of an uncommitted one does not
                String again = tm.execute(TransactionOptions.named("audit-again").readOnly(), tx -> tx.queryFirst(
                        "SELECT sum(balance) FROM account", rs -> rs.getString(1)).orElseThrow());
                violations.add("sum " + seen[0] + ", min " + seen[1] + " (session " + seen[2] + "), read again: sum "
                        + again);
            }
        } catch (TransactionException e) {
            // the reader's own backend was terminated beyond its retries; nothing to check
        }
    }

    /** Terminates one random session of this test's database (never another database's), other than its own. */
    private static boolean terminateOneBackend(Connection admin, TestDialect dialect) throws Exception {
        try (Statement st = admin.createStatement()) {
            if (dialect == TestDialect.POSTGRESQL) {
                try (ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        + "AND backend_type = 'client backend' ORDER BY random() LIMIT 1")) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
            long id;
            try (ResultSet rs = st.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() "
                    + "AND ID <> CONNECTION_ID() AND COMMAND <> 'Killed' ORDER BY RAND() LIMIT 1")) {
                if (!rs.next()) {
                    return false;
                }
                id = rs.getLong(1);
            }
            try {
                st.execute("KILL CONNECTION " + id);
                return true;
            } catch (java.sql.SQLException e) {
                return false; // it ended on its own meanwhile (unknown thread id)
            }
        }
    }
}
