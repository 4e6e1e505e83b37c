package io.dbopt.examples.index;

import io.dbopt.core.finding.Finding;
import io.dbopt.index.ApplyResult;
import io.dbopt.index.IndexManager;
import io.dbopt.index.IndexRecommendation;
import io.dbopt.index.IndexReport;
import io.dbopt.index.Recommendations;
import io.dbopt.index.TableName;
import io.dbopt.index.Workload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * dbopt-index in one page: analyse a schema's indexes, get recommendations for the queries the application runs,
 * apply them online and drop the duplicate the analysis found.
 *
 * <pre>
 * java -cp ... io.dbopt.examples.index.IndexExample jdbc:postgresql://127.0.0.1:5432/app postgres ""
 * </pre>
 */
public final class IndexExample {

    /** The query the application runs most; no index serves it yet. */
    static final String ORDERS_OF_CUSTOMER =
            "SELECT id, total FROM example_orders WHERE customer_id = ? AND status = ? AND created_at > ?";

    private IndexExample() {
    }

    /**
     * What the example did.
     *
     * @param findings what the analysis found before any change
     * @param recommendations what the recommender proposed for the workload
     * @param applied what was created and dropped, in order
     */
    public record Result(List<Finding> findings, Recommendations recommendations, List<ApplyResult> applied) {
    }

    /** Runs the example on a database; the user needs CREATE TABLE and CREATE INDEX. */
    public static Result run(DataSource dataSource) throws SQLException {
        createTable(dataSource);

        // 1. the workload: SQL you know, or IndexManager.captureWorkload() from pg_stat_statements / digests
        Workload workload = Workload.builder()
                .add(ORDERS_OF_CUSTOMER, 12_000, Duration.ofSeconds(90))
                .add("SELECT id FROM example_orders WHERE reference = ?", 3_000, Duration.ofSeconds(2))
                .build();
        IndexManager indexes = IndexManager.builder(dataSource).workload(workload).build();

        // 2. analyse: unused, duplicate, redundant, invalid, bloated indexes, missing FK indexes, unserved filters
        IndexReport report = indexes.analyze();
        report.allFindings().forEach(f -> System.out.println(f.severity() + " " + f.check() + " " + f.object().name()
                + ": " + f.message()));

        // 3. recommend, validated by what-if costing (HypoPG, a rolled-back trial, or MariaDB row estimates)
        Recommendations recommendations = indexes.recommend(workload);
        List<ApplyResult> applied = new ArrayList<>();
        for (IndexRecommendation r : recommendations.recommendations()) {
            System.out.println(r.createStatement() + "  -- saves about " + r.timeSaved().toSeconds() + " s");
            applied.add(indexes.apply(r)); // CREATE INDEX CONCURRENTLY / ALTER TABLE ... LOCK=NONE, idempotent
        }

        // 4. drop what the analysis found duplicated, online, after checking no query needs it
        for (Finding duplicate : report.findings("index.duplicate")) {
            String index = duplicate.object().name().substring(duplicate.object().name().lastIndexOf('.') + 1);
            if (indexes.whatIfDrop(TableName.of("example_orders"), index, workload).isSafe()) {
                applied.add(indexes.dropIndex(TableName.of("example_orders"), index));
            }
        }
        return new Result(report.allFindings(), recommendations, applied);
    }

    private static void createTable(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE example_orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, "
                    + "status varchar(20) NOT NULL, created_at timestamp NOT NULL, reference varchar(40), "
                    + "total numeric(12, 2))");
            st.execute("CREATE INDEX example_orders_reference_idx ON example_orders (reference)");
            st.execute("CREATE INDEX example_orders_ref_copy_idx ON example_orders (reference)");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO example_orders VALUES (?, ?, ?, ?, ?, ?)")) {
                String[] statuses = {"new", "paid", "shipped", "done", "cancelled"};
                for (int n = 1; n <= 10_000; n++) {
                    ps.setLong(1, n);
                    ps.setLong(2, 1 + n % 40);
                    ps.setString(3, statuses[n % 5]);
                    ps.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(60L * n)));
                    ps.setString(5, "ref-" + n);
                    ps.setBigDecimal(6, java.math.BigDecimal.valueOf(n % 500, 1));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            st.execute(c.getMetaData().getDatabaseProductName().contains("PostgreSQL") ? "ANALYZE example_orders"
                    : "ANALYZE TABLE example_orders");
        }
    }

    /** Runs the example on the database at the URL. */
    public static void main(String[] args) throws SQLException {
        if (args.length < 1) {
            System.err.println("usage: IndexExample <jdbc-url> [user] [password]");
            return;
        }
        Result result = run(dataSource(args[0], args.length > 1 ? args[1] : "", args.length > 2 ? args[2] : ""));
        System.out.println(result.applied());
    }

    private static DataSource dataSource(String url, String user, String password) throws SQLException {
        if (url.startsWith("jdbc:postgresql:")) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }
        org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }
}
