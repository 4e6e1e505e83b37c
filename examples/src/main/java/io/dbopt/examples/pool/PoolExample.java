package io.dbopt.examples.pool;

import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.PoolSnapshot;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's "Using ConnectionPoolManager" example in Java, line for line: a configuration map, the component
 * created from it, a session scope, the component's metrics and its health status. {@code inTransaction} is the
 * session scope (commit at the end, roll back on failure); {@code ?} replaces {@code :tenant_id}.
 *
 * <pre>
 * java -cp ... io.dbopt.examples.pool.PoolExample postgresql://user:password@localhost:5432/tap_db
 * </pre>
 */
public final class PoolExample {

    private PoolExample() {
    }

    /**
     * What the example did.
     *
     * @param results the users of tenant-123
     * @param metrics the component's metrics after the scope
     * @param health the component's health status
     */
    public record Result(List<String> results, PoolSnapshot metrics, HealthStatus health) {
    }

    /**
     * Runs the example against the database at {@code databaseUrl} (SQLAlchemy or JDBC form), which holds a table
     * {@code users (id, tenant_id, name)}.
     */
    public static Result run(String databaseUrl) {
        // Configuration
        Map<String, Object> config = Map.of(
                "database_url", databaseUrl,
                "pool_size", 10,
                "max_overflow", 20,
                "pool_timeout", 30,
                "pool_recycle", 1800);

        // Create instance
        try (ConnectionPoolManager connectionPoolManager = ConnectionPoolManager.create(DbOptConfig.of(config))) {

            // Use component features
            List<String> results = connectionPoolManager.inTransaction(session -> {
                // Perform database operations
                try (PreparedStatement ps = session.prepareStatement("SELECT * FROM users WHERE tenant_id = ?")) {
                    ps.setString(1, "tenant-123");
                    List<String> names = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            names.add(rs.getString("name"));
                        }
                    }
                    return names;
                }
            });

            // Get component metrics
            PoolSnapshot metrics = connectionPoolManager.metrics();
            HealthStatus health = connectionPoolManager.healthCheck().status();
            return new Result(results, metrics, health);
        }
    }

    /** Runs against the URL given as the argument and prints what the seed's example prints. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: PoolExample <database-url, such as "
                    + "postgresql://user:password@localhost:5432/tap_db>");
            System.exit(2);
        }
        Result r = run(args[0]);
        System.out.println("Users of tenant-123: " + r.results());
        System.out.println("Metrics: " + r.metrics().values());
        System.out.println("Component health: " + r.health());
    }
}
