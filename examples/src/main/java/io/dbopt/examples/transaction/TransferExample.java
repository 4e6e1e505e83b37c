package io.dbopt.examples.transaction;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.IsolationAdvisor;
import io.dbopt.transaction.IsolationLevelSelector;
import io.dbopt.transaction.RetryPolicy;
import io.dbopt.transaction.TenantContext;
import io.dbopt.transaction.TransactionManager;
import io.dbopt.transaction.TransactionOptions;
import io.dbopt.transaction.TransactionStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Money transfers with dbopt-transaction: an isolation policy read in one place, transfers at SERIALIZABLE retried on
 * conflicts, a per-transaction lock timeout, a tenant applied to each transaction, and the isolation advisor
 * flagging an unsafe read-modify-write.
 *
 * <pre>
 * java -cp examples/target/classes:... io.dbopt.examples.transaction.TransferExample \
 *     jdbc:postgresql://127.0.0.1:5432/shop?user=postgres
 * </pre>
 */
public final class TransferExample {

    /** What the example did. */
    public record Summary(long totalBefore, long totalAfter, long commits, long retries, String tenantSeen,
                          List<Finding> advice, List<String> policy) {
    }

    private TransferExample() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("DBOPT_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        DataSource dataSource = url.startsWith("jdbc:postgresql:") ? postgres(url) : mariadb(url);
        Summary summary = run(dataSource, 4, 25);
        System.out.printf("money before %d, after %d; %d commits, %d retries%n", summary.totalBefore(),
                summary.totalAfter(), summary.commits(), summary.retries());
        System.out.println("isolation policy: " + String.join("; ", summary.policy()));
        System.out.println("tenant seen inside the transaction: " + summary.tenantSeen());
        summary.advice().forEach(f -> System.out.println(f.severity() + " " + f.check() + ": " + f.message()));
    }

    /** Runs the example on a data source (a pool in a real application) with concurrent transfer workers. */
    public static Summary run(DataSource dataSource, int workers, int transfersEach) throws Exception {
        IsolationLevelSelector policy = IsolationLevelSelector.builder()
                .defaultIsolation(Isolation.READ_COMMITTED)
                .forName("transfer", Isolation.SERIALIZABLE)
                .readOnly(Isolation.REPEATABLE_READ)
                .build();
        IsolationAdvisor advisor = IsolationAdvisor.create();
        TransactionManager tm = TransactionManager.builder()
                .dataSource(dataSource)
                .isolationSelector(policy)
                .isolationAdvisor(advisor)
                .build();

        createSchema(dataSource, tm.dialect());
        TransactionOptions audit = TransactionOptions.named("audit").readOnly();
        long before = tm.execute(audit, tx -> tx.queryFirst("SELECT sum(balance) FROM account",
                rs -> rs.getLong(1)).orElseThrow());

        // Transfers: SERIALIZABLE by the policy's rule for "transfer"; deadlocks and serialization failures are
        // retried with backoff, each retry running the whole lambda again on a fresh connection. Five hot rows and
        // four workers conflict a lot, so these retries are bounded by time rather than by a count.
        TransactionOptions transfer = TransactionOptions.named("transfer").lockTimeout(Duration.ofSeconds(2))
                .retry(RetryPolicy.defaults().withMaxAttempts(100).withMaxElapsed(Duration.ofSeconds(20)));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < transfersEach; i++) {
                        int from = ThreadLocalRandom.current().nextInt(1, 6);
                        int to = from % 5 + 1;
                        tm.run(transfer, tx -> {
                            long balance = tx.queryFirst("SELECT balance FROM account WHERE id = ?",
                                    rs -> rs.getLong(1), from).orElseThrow();
                            if (balance >= 10) {
                                tx.update("UPDATE account SET balance = balance - 10 WHERE id = ?", from);
                                tx.update("UPDATE account SET balance = balance + 10 WHERE id = ?", to);
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // A tenant applied to one transaction: set_config('app.tenant_id', ..., true) on PostgreSQL (for row-level
        // security policies), @app_tenant_id on MariaDB, cleared afterwards either way.
        String probe = tm.dialect().resourceFolder().equals("postgresql")
                ? "SELECT current_setting('app.tenant_id', true)" : "SELECT @app_tenant_id";
        String tenantSeen = TenantContext.callAs("acme", () -> tm.execute(audit,
                tx -> tx.queryFirst(probe, rs -> rs.getString(1)).orElseThrow()));

        // An unsafe read-modify-write at READ COMMITTED: the advisor flags it as a lost-update risk.
        tm.run(TransactionOptions.named("bonus"), tx -> {
            long balance = tx.queryFirst("SELECT balance FROM account WHERE id = ?", rs -> rs.getLong(1), 1)
                    .orElseThrow();
            tx.update("UPDATE account SET balance = ? WHERE id = ?", balance, 1);
        });

        long after = tm.execute(audit, tx -> tx.queryFirst("SELECT sum(balance) FROM account",
                rs -> rs.getLong(1)).orElseThrow());
        TransactionStats stats = tm.monitor().stats();
        return new Summary(before, after, stats.commits(), stats.totalRetries(), tenantSeen, advisor.findings(),
                policy.describe());
    }

    private static void createSchema(DataSource dataSource, Dialect dialect) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + dialect.quote("account"));
            st.execute("CREATE TABLE account (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))");
            st.execute("INSERT INTO account VALUES (1, 100), (2, 100), (3, 100), (4, 100), (5, 100)");
        }
    }

    private static DataSource postgres(String url) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        return ds;
    }

    private static DataSource mariadb(String url) throws SQLException {
        return new org.mariadb.jdbc.MariaDbDataSource(url);
    }
}
