package io.dbopt.bench.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.index.IndexManager;
import io.dbopt.index.IndexRecommendation;
import io.dbopt.index.Recommendations;
import io.dbopt.index.Workload;
import io.dbopt.json.JsonFieldOptimizer;
import io.dbopt.json.JsonRewriteResult;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * A jsonb workload (containment, {@code ->>} equality, key existence) on PostgreSQL before and after dbopt-json's
 * advice: the index advisor's recommendations (JSON candidates among them, costed by what-if) applied online, and the
 * path optimizer's proven rewrites applied to the statements. Estimated cost ({@code EXPLAIN}) and measured time
 * (median of the runs, each the mean of the executions) per statement.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.json.JsonWorkloadBenchmark [--rows 200000] [--runs 3]
 * </pre>
 */
public final class JsonWorkloadBenchmark {

    private record Query(String name, String sql, List<Object> params, long calls) {
    }

    private JsonWorkloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int rows = CompressionBenchmark.option(args, "--rows", 200_000);
        int runs = CompressionBenchmark.option(args, "--runs", 3);
        int executions = CompressionBenchmark.option(args, "--executions", 20);
        List<Query> queries = List.of(
                new Query("containment", "SELECT id FROM orders WHERE doc @> CAST(? AS jsonb)",
                        List.of("{\"customer\": \"C-1234\"}"), 1000),
                new Query("->> equality", "SELECT id FROM orders WHERE doc->>'sku' = ?", List.of("SKU-77777"), 1000),
                new Query("->> equality, literal", "SELECT id FROM orders WHERE doc->>'customer' = 'C-4242'",
                        List.of(), 500),
                new Query("key existence", "SELECT count(*) FROM orders WHERE doc ?? 'vip'", List.of(), 200),
                new Query("->> range with cast", "SELECT id FROM orders WHERE (doc->>'total')::numeric > 9990",
                        List.of(), 300));
        try (TestDatabase db = TestDatabases.create(TestDialect.POSTGRESQL, "bench-jsonb")) {
            db.execute("CREATE TABLE orders (id int PRIMARY KEY, doc jsonb NOT NULL)",
                    "INSERT INTO orders SELECT n, jsonb_build_object('sku', 'SKU-' || n, "
                            + "'customer', 'C-' || n % 20000, "
                            + "'status', (ARRAY['new','paid','shipped','delivered','returned'])[1 + n % 5], "
                            + "'total', (n % 10000) + 0.5, 'tags', jsonb_build_array('t' || n % 13, 't' || n % 7)) "
                            + "|| CASE WHEN n % 50 = 0 THEN '{\"vip\": true}'::jsonb ELSE '{}' END "
                            + "FROM generate_series(1, " + rows + ") n", "ANALYZE orders");
            Workload.Builder w = Workload.builder();
            queries.forEach(q -> w.add(q.sql(), q.calls(), Duration.ofMillis(q.calls())));
            Workload workload = w.build();

            double[][] before = measure(db, queries, runs, executions);
            double[] costBefore = costs(db, queries);
            Recommendations recommended;
            List<Query> rewritten = new ArrayList<>();
            try (JsonFieldOptimizer json = JsonFieldOptimizer.create(DbOptConfig.empty(), db.dataSource())) {
                long start = System.nanoTime();
                recommended = json.indexer().recommend(workload);
                double advisorMs = (System.nanoTime() - start) / 1e6;
                IndexManager manager = IndexManager.create(db.dataSource());
                for (IndexRecommendation r : recommended.recommendations()) {
                    manager.apply(r);
                    System.out.println("applied: " + r.createStatement());
                }
                for (Query q : queries) {
                    JsonRewriteResult r = json.pathOptimizer().rewrite(q.sql());
                    if (r.changed()) {
                        System.out.println("rewrote: " + r.sql());
                    }
                    rewritten.add(new Query(q.name(), r.sql(), q.params(), q.calls()));
                }
                System.out.printf(Locale.ROOT, "advisor: %d recommendations in %.0f ms, estimated workload cost "
                        + "reduction %.0f %%, what-if by %s%n%n", recommended.recommendations().size(), advisorMs,
                        100 * recommended.workloadReduction(), recommended.method());
            }
            db.execute("ANALYZE orders");
            double[][] after = measure(db, rewritten, runs, executions);
            double[] costAfter = costs(db, rewritten);
            System.out.println("| statement | est. cost before | est. cost after | ms before | ms after | speed-up |");
            System.out.println("|---|---|---|---|---|---|");
            double totalBefore = 0;
            double totalAfter = 0;
            for (int i = 0; i < queries.size(); i++) {
                double b = CompressionBenchmark.median(before[i]);
                double a = CompressionBenchmark.median(after[i]);
                totalBefore += b * queries.get(i).calls();
                totalAfter += a * queries.get(i).calls();
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.3f | %.0fx |%n", queries.get(i).name(),
                        costBefore[i], costAfter[i], b, a, b / a);
            }
            System.out.printf(Locale.ROOT, "| workload (calls x time) | | | %.1f s | %.2f s | %.0fx |%n",
                    totalBefore / 1000, totalAfter / 1000, totalBefore / totalAfter);
        }
    }

    /** Mean milliseconds per execution of each statement, per run. */
    private static double[][] measure(TestDatabase db, List<Query> queries, int runs, int executions)
            throws Exception {
        double[][] out = new double[queries.size()][runs];
        try (Connection c = db.connection()) {
            for (int run = 0; run < runs; run++) {
                for (int i = 0; i < queries.size(); i++) {
                    Query q = queries.get(i);
                    try (PreparedStatement ps = c.prepareStatement(q.sql())) {
                        for (int p = 0; p < q.params().size(); p++) {
                            ps.setObject(p + 1, q.params().get(p));
                        }
                        execute(ps); // warm
                        long start = System.nanoTime();
                        for (int e = 0; e < executions; e++) {
                            execute(ps);
                        }
                        out[i][run] = (System.nanoTime() - start) / 1e6 / executions;
                    }
                }
            }
        }
        return out;
    }

    private static void execute(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    /** The planner's estimated total cost of each statement with its benchmark parameters. */
    private static double[] costs(TestDatabase db, List<Query> queries) throws Exception {
        double[] out = new double[queries.size()];
        try (Connection c = db.connection()) {
            for (int i = 0; i < queries.size(); i++) {
                Query q = queries.get(i);
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + q.sql())) {
                    for (int p = 0; p < q.params().size(); p++) {
                        ps.setObject(p + 1, q.params().get(p));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String plan = rs.getString(1);
                        int at = plan.indexOf("\"Total Cost\": ") + "\"Total Cost\": ".length();
                        out[i] = Double.parseDouble(plan.substring(at, plan.indexOf(',', at)));
                    }
                }
            }
        }
        return out;
    }
}
