package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.testkit.DedicatedServer;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.proxy.FaultMode;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bank invariant for two minutes on dbopt's own pool ({@link ConnectionPoolManager}) over an embedded PostgreSQL
 * of this test's own ({@link DedicatedServer}), reached through a fault proxy, while a chaos thread terminates random
 * backends throughout, restarts the server once and blackholes the route once. Transfers run through a
 * {@link TransactionManager} with commit-outcome resolution on. Afterwards: every read saw the total, no balance went
 * negative, every acknowledged transfer is in the ledger, the ledger holds nothing but acknowledged transfers and
 * ones whose outcome was reported unknown, and every unknown outcome the manager counted was reported to its caller.
 * Tagged {@code long}: {@code mvn verify -DexcludedGroups=long} skips it locally; CI runs it. The run time can be
 * shortened with {@code -Ddbopt.bank.seconds=30}.
 */
@Tag("long")
class BankChaosIT {

    private static final int ACCOUNTS = 20;
    private static final int WORKERS = 8;
    private static final long START_BALANCE = 1_000;
    private static final Duration RUN_FOR = Duration.ofSeconds(Long.getLong("dbopt.bank.seconds", 120));

    @Test
    @Timeout(300)
    void moneyIsNeitherCreatedNorLostThroughTerminationsARestartAndABlackhole() throws Exception {
        try (DedicatedServer server = DedicatedServer.startPostgres();
             TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", server.server().port())) {
            TestDatabase db = server.createDatabase("bank");
            db.execute("CREATE TABLE account (id int PRIMARY KEY, balance bigint NOT NULL)",
                    "CREATE TABLE ledger (transfer_id varchar(36) PRIMARY KEY, from_id int NOT NULL, "
                            + "to_id int NOT NULL, amount bigint NOT NULL)",
                    "INSERT INTO account SELECT g, " + START_BALANCE + " FROM generate_series(1, " + ACCOUNTS + ") g");
            long total = ACCOUNTS * START_BALANCE;

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> unknown = ConcurrentHashMap.newKeySet();
            List<String> violations = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger kills = new AtomicInteger();
            AtomicLong reads = new AtomicLong();
            Map<String, Integer> acknowledgedAfter = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            long deadline = start + RUN_FOR.toNanos();

            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name();
            try (ConnectionPoolManager pool = ConnectionPoolManager.builder().jdbcUrl(url).username(db.user())
                    .password(db.password()).poolName("bank").poolSize(WORKERS).maxOverflow(4)
                    .poolTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(5))
                    .connectTimeout(Duration.ofSeconds(2)).build();
                 TransactionManager tm = TransactionManager.builder().dataSource(pool.dataSource()).name("bank")
                         .retryPolicy(RetryPolicy.defaults().withMaxAttempts(50).withMaxElapsed(Duration.ofSeconds(20)))
                         .resolveCommitOutcome(Duration.ofSeconds(4)).build()) {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    tasks.add(() -> {
                        while (System.nanoTime() < deadline) {
                            BankInvariantIT.transfer(tm, acknowledged, unknown, violations, db.testDialect());
                        }
                        return null;
                    });
                }
                tasks.add(() -> {
                    while (System.nanoTime() < deadline) {
                        BankInvariantIT.read(tm, total, violations, db.testDialect());
                        reads.incrementAndGet();
                    }
                    return null;
                });
                tasks.add(() -> {
                    chaos(server, proxy, db, deadline, start, kills, acknowledged, acknowledgedAfter);
                    return null;
                });
                Concurrency.runAll(tasks, RUN_FOR.plusSeconds(90));

                TransactionStats stats = tm.monitor().stats();
                assertThat(kills.get()).as("backends terminated").isGreaterThan(20);
                assertThat(acknowledgedAfter).containsKeys("restart", "blackhole");
                assertThat(acknowledged.size()).as("transfers acknowledged after the restart and the blackhole")
                        .isGreaterThan(acknowledgedAfter.get("blackhole"))
                        .isGreaterThan(acknowledgedAfter.get("restart"));
                assertThat(reads.get()).isPositive();
                assertThat(stats.outcomeUnknown()).as("every unknown outcome the manager counted was reported")
                        .isEqualTo(unknown.size());
                org.slf4j.LoggerFactory.getLogger(BankChaosIT.class).info("bank chaos over {} s: {} transfers "
                        + "acknowledged ({} by the restart, {} by the blackhole), {} reads, {} backends terminated, "
                        + "{} retries, {} commit outcomes resolved, {} reported unknown, {} retries exhausted",
                        RUN_FOR.toSeconds(), acknowledged.size(), acknowledgedAfter.get("restart"),
                        acknowledgedAfter.get("blackhole"), reads.get(), kills.get(), stats.totalRetries(),
                        stats.outcomeResolved(), stats.outcomeUnknown(), stats.retriesExhausted());
            }

            assertThat(violations).as("every read saw the total and no negative balance").isEmpty();
            assertThat(db.queryLong("SELECT sum(balance) FROM account")).isEqualTo(total);
            assertThat(db.queryLong("SELECT min(balance) FROM account")).isNotNegative();
            Map<Integer, Long> expected = new HashMap<>();
            Set<String> ledger = new HashSet<>();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement st = c.createStatement();
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
            assertThat(unknown).as("the ledger holds nothing beyond acknowledged and reported-unknown transfers")
                    .containsAll(unexplained);
            for (int id = 1; id <= ACCOUNTS; id++) {
                assertThat(db.queryLong("SELECT balance FROM account WHERE id = " + id))
                        .as("account %d matches the ledger", id).isEqualTo(START_BALANCE + expected.getOrDefault(id, 0L));
            }
        }
    }

    /**
     * Terminates a random backend every 100-300 ms all along; at a third of the run restarts the server, at two thirds
     * blackholes the route for 5 s. Pacing uses sleeps on purpose: they schedule faults, they wait for nothing.
     */
    private static void chaos(DedicatedServer server, TcpFaultProxy proxy, TestDatabase db, long deadline,
                              long start, AtomicInteger kills, Set<String> acknowledged,
                              Map<String, Integer> acknowledgedAfter) throws InterruptedException {
        long third = (deadline - start) / 3;
        boolean restarted = false;
        boolean blackholed = false;
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (!restarted && now - start > third) {
                restarted = true;
                server.stop();
                Thread.sleep(1_000);
                server.start();
                acknowledgedAfter.put("restart", acknowledged.size());
            } else if (!blackholed && now - start > 2 * third) {
                blackholed = true;
                proxy.setMode(FaultMode.BLACKHOLE);
                Thread.sleep(5_000);
                proxy.heal();
                proxy.resetAll(); // connections left hanging in the blackhole fail at once instead of at their timeout
                acknowledgedAfter.put("blackhole", acknowledged.size());
            } else if (terminateOne(db)) {
                kills.incrementAndGet();
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(100, 300));
        }
    }

    /** Terminates one random client backend of the bank database, through a direct connection (not the proxy). */
    private static boolean terminateOne(TestDatabase db) {
        try (Connection admin = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                     + "AND backend_type = 'client backend' ORDER BY random() LIMIT 1")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false; // the server is restarting
        }
    }
}
