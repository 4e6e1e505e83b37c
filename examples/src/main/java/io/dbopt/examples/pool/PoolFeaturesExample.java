package io.dbopt.examples.pool;

import io.dbopt.core.config.DbOptConfig;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.HealthReport;
import io.dbopt.pool.PoolSnapshot;
import io.dbopt.pool.SizingPolicy;
import io.dbopt.pool.TenantPolicy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * dbopt-pool's features in one page: a pool configured with the seed's settings by name plus builder options,
 * adaptive sizing and tenant bulkheads, used through the scope helpers, then asked for its metrics and for a full
 * connection check (reconciliation with the server, leaks, findings).
 *
 * <pre>
 * java -cp ... io.dbopt.examples.pool.PoolFeaturesExample jdbc:postgresql://127.0.0.1:5432/app postgres ""
 * </pre>
 */
public final class PoolFeaturesExample {

    private PoolFeaturesExample() {
    }

    /**
     * What the example did.
     *
     * @param orders orders in the table at the end
     * @param snapshot the pool's counters at the end
     * @param health the health check's report
     */
    public record Result(long orders, PoolSnapshot snapshot, HealthReport health) {
    }

    /** Runs the example against a database; the user needs CREATE TABLE. */
    public static Result run(String jdbcUrl, String user, String password) {
        // the seed's settings, by name, as they would come from a properties file or DBOPT_* variables
        DbOptConfig seed = DbOptConfig.of(Map.of(
                "pool_size", "2",
                "max_overflow", "6",
                "pool_timeout", "5",       // seconds
                "pool_recycle", "1800",    // seconds
                "pool_pre_ping", "true"));
        try (ConnectionPoolManager pool = ConnectionPoolManager.builder()
                .config(seed)
                .jdbcUrl(jdbcUrl).username(user).password(password)
                .poolName("example")
                .applicationName("dbopt-example")
                .socketTimeout(Duration.ofSeconds(30))
                .adaptiveSizing(SizingPolicy.defaults())
                .clusterBudget(20)
                .tenants(TenantPolicy.builder().defaultShare(0.5).maxWait(Duration.ofMillis(200)).build())
                .build()) {

            pool.withConnection(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS example_orders (id int PRIMARY KEY, tenant varchar(20))");
                    return st.executeUpdate("DELETE FROM example_orders");
                }
            });
            for (int i = 1; i <= 10; i++) {
                int id = i;
                String tenant = i % 2 == 0 ? "acme" : "globex";
                // committed as a whole or rolled back; counts against the tenant's share of the pool
                pool.inTransaction(tenant, c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO example_orders (id, tenant) VALUES (?, ?)")) {
                        ps.setInt(1, id);
                        ps.setString(2, tenant);
                        return ps.executeUpdate();
                    }
                });
            }
            long orders = pool.withConnection(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM example_orders")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            HealthReport health = pool.connectionHealth().check();
            return new Result(orders, pool.metrics(), health);
        }
    }

    /** Runs against the URL, user and password given as arguments. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: PoolFeaturesExample <jdbc-url> <user> [password]");
            System.exit(2);
        }
        Result r = run(args[0], args[1], args.length > 2 ? args[2] : "");
        System.out.println("orders: " + r.orders());
        System.out.println("pool:   " + r.snapshot().describe() + ", acquire p99 "
                + r.snapshot().acquireTime().p99().toNanos() / 1000 + " us");
        System.out.println("health: " + (r.health().healthy() ? "healthy" : r.health().findings()));
    }
}
