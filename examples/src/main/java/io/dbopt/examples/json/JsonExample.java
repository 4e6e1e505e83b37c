package io.dbopt.examples.json;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.Finding;
import io.dbopt.index.Recommendations;
import io.dbopt.index.Workload;
import io.dbopt.json.Change;
import io.dbopt.json.ColumnEncoding;
import io.dbopt.json.ColumnRef;
import io.dbopt.json.CompressedColumn;
import io.dbopt.json.HistoryStats;
import io.dbopt.json.JobResult;
import io.dbopt.json.JsonFieldOptimizer;
import io.dbopt.json.JsonMetrics;
import io.dbopt.json.JsonRewriteResult;
import io.dbopt.json.RewriteVerification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * dbopt-json in one page: index advice for the JSON queries an application runs, a rewrite that lets an index serve
 * one of them (checked on real rows), compressing a document column in place and reading it back transparently, and
 * recording a document's changes as diffs.
 *
 * <pre>
 * java -cp ... io.dbopt.examples.json.JsonExample jdbc:postgresql://127.0.0.1:5432/app postgres ""
 * </pre>
 */
public final class JsonExample {

    /** The application's most frequent JSON query on PostgreSQL: no index serves ->>. */
    static final String POSTGRES_QUERY = "SELECT id FROM example_docs WHERE attrs->>'status' = 'review'";
    /** The same on MariaDB. */
    static final String MARIADB_QUERY = "SELECT id FROM example_docs WHERE JSON_VALUE(attrs, '$.status') = ?";

    private JsonExample() {
    }

    /**
     * What the example did.
     *
     * @param findings what the indexer found about the workload's JSON predicates
     * @param recommendations the index module's recommendations (JSON candidates among them)
     * @param rewrite the path optimizer's rewrite of the query
     * @param verification the rewrite run against the original on real rows
     * @param migration the in-place compression of the body column
     * @param firstVersion the document's first version, read back from the diff history
     * @param history the history's size against full copies
     * @param metrics the component's numbers at the end
     */
    public record Result(List<Finding> findings, Recommendations recommendations, JsonRewriteResult rewrite,
                         RewriteVerification verification, JobResult migration, String firstVersion,
                         HistoryStats history, JsonMetrics metrics) {
    }

    /** Runs the example on a database; the user needs CREATE TABLE and CREATE INDEX. */
    public static Result run(DataSource dataSource) throws SQLException {
        DbOptConfig config = DbOptConfig.of(Map.of("json", Map.of(
                "history", Map.of("table", "example_doc_history", "snapshot_interval", 20),
                "job", Map.of("checkpoint_table", "example_json_jobs", "chunk_size", 200))));
        try (JsonFieldOptimizer json = JsonFieldOptimizer.create(config, dataSource)) {
            boolean postgres = json.dialect() instanceof PostgresDialect;
            createTable(dataSource, postgres);
            String query = postgres ? POSTGRES_QUERY : MARIADB_QUERY;

            // 1. index advice for the workload's JSON predicates, validated and ranked by dbopt-index
            Workload workload = Workload.builder().add(query, 5_000, Duration.ofSeconds(40)).build();
            List<Finding> findings = json.indexer().findings(workload);
            findings.forEach(f -> System.out.println(f.severity() + " " + f.check() + " " + f.message()));
            Recommendations recommendations = json.indexer().recommend(workload);
            recommendations.recommendations().forEach(r -> System.out.println(r.createStatement()));

            // 2. a rewrite an index can serve, checked against the original on the table's rows
            JsonRewriteResult rewrite = json.pathOptimizer().rewrite(postgres ? query : query.replace("?", "'review'"));
            RewriteVerification verification = json.pathOptimizer().verify(rewrite.original(), rewrite.sql(),
                    List.of());
            System.out.println(rewrite.sql() + "  -- " + verification.detail());

            // 3. compress the body column in place (resumable), then read it through the codec
            JobResult migration = json.compressor().migration(ColumnRef.of("example_docs", "body")).run();
            CompressedColumn body = json.compressor().column(ColumnRef.of("example_docs", "body"),
                    ColumnEncoding.TEXT);
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT body FROM example_docs WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.println("body of 1 starts with " + body.read(rs, 1).substring(0, 30) + " ("
                        + Math.round(100 * migration.ratio()) + " % of its former size after the migration)");
            }

            // 4. a document's changes as diffs
            String page = body("Release notes", 1);
            for (int v = 1; v <= 30; v++) {
                page = page.replace("</ul>", "<li>change " + v + "</li></ul>");
                json.history().record(Change.text("release-notes", page).by("editor" + v % 3));
            }
            String first = json.history().content("release-notes", 1).orElseThrow();
            HistoryStats stats = json.history().stats();
            System.out.println(stats.versions() + " versions stored in " + Math.round(100 * stats.ratio())
                    + " % of the space full copies take");
            return new Result(findings, recommendations, rewrite, verification, migration, first, stats,
                    json.metrics());
        }
    }

    private static void createTable(DataSource dataSource, boolean postgres) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("example_docs", "example_doc_history", "example_doc_history_head",
                    "example_json_jobs")) {
                s.execute("DROP TABLE IF EXISTS " + t);
            }
            s.execute("CREATE TABLE example_docs (id int PRIMARY KEY, attrs " + (postgres ? "jsonb" : "JSON")
                    + " NOT NULL, body " + (postgres ? "text" : "LONGTEXT") + " NOT NULL)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO example_docs VALUES (?, "
                    + (postgres ? "CAST(? AS jsonb)" : "?") + ", ?)")) {
                for (int i = 1; i <= 5_000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "{\"status\": \"" + (i % 50 == 0 ? "review" : "published") + "\", \"team\": "
                            + "\"team-" + i % 12 + "\", \"words\": " + (200 + i % 900) + "}");
                    ps.setString(3, body("Article " + i, i));
                    ps.addBatch();
                    if (i % 500 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            s.execute(postgres ? "ANALYZE example_docs" : "ANALYZE TABLE example_docs");
        }
    }

    private static String body(String title, int seed) {
        StringBuilder sb = new StringBuilder("<html><body><h1>").append(title).append("</h1><ul>");
        for (int k = 0; k < 25; k++) {
            sb.append("<li>Section ").append(k).append(": ").append(Integer.toHexString(seed * 31 + k * 7919))
                    .append(" describes the change, who reviewed it and when it shipped.</li>");
        }
        return sb.append("</ul></body></html>").toString();
    }

    /** Runs the example: {@code JsonExample <jdbc-url> <user> <password>}. */
    public static void main(String[] args) throws SQLException {
        if (args.length != 3) {
            System.err.println("usage: JsonExample <jdbc-url> <user> <password>");
            return;
        }
        Result result = run(dataSource(args[0], args[1], args[2]));
        System.out.println(result.metrics().values());
    }

    private static DataSource dataSource(String url, String user, String password) throws SQLException {
        if (url.startsWith("jdbc:postgresql:")) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setUrl(url);
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
