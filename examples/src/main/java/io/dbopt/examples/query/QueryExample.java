package io.dbopt.examples.query;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.PostgresDialect;
import io.dbopt.query.NPlusOne;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.ProfilerScope;
import io.dbopt.query.QueryProfiler;
import io.dbopt.query.QueryStats;
import io.dbopt.query.cache.CacheStats;
import io.dbopt.query.cache.QueryCache;
import io.dbopt.query.cache.QueryResult;
import io.dbopt.query.plan.ExecutionPlan;
import io.dbopt.query.plan.ExecutionPlanAnalyzer;
import io.dbopt.query.rewrite.QueryRewriter;
import io.dbopt.query.rewrite.RewriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * dbopt-query in one page: profile a data source and read its N+1 findings, explain a query, rewrite one, and
 * cache one (with Redis when a URI is given) so that a write through the profiled data source invalidates it.
 *
 * <pre>
 * java -cp ... io.dbopt.examples.query.QueryExample jdbc:postgresql://127.0.0.1:5432/app postgres "" [redis://127.0.0.1:6379]
 * </pre>
 */
public final class QueryExample {

    private QueryExample() {
    }

    /**
     * What the example saw.
     *
     * @param nPlusOne the N+1 patterns the profiler found
     * @param top the fingerprints with the most time
     * @param plan the plan of the books-by-author query
     * @param rewrite what the rewriter did to a SELECT *
     * @param titleBefore the cached title before the write
     * @param titleAfter the title read through the cache after the write
     * @param cache the cache's counters
     */
    public record Result(List<NPlusOne> nPlusOne, List<QueryStats> top, ExecutionPlan plan, RewriteResult rewrite,
                         String titleBefore, String titleAfter, CacheStats cache) {
    }

    /** Runs the example on a database (the user needs CREATE TABLE); Redis is used when {@code redisUri} is set. */
    public static Result run(DataSource database, Optional<String> redisUri, String redisKeyPrefix)
            throws SQLException {
        boolean postgres = DatabaseInfo.detect(database).dialect() instanceof PostgresDialect;
        createTables(database, postgres);

        // 1. profile: wrap the application's DataSource once and use the wrapper everywhere
        ProfiledDataSource dataSource = QueryProfiler.wrap(database);
        QueryProfiler profiler = dataSource.profiler();
        try (ProfilerScope page = profiler.scope("GET /authors")) {   // a web filter would open one per request
            authorsWithTheirBooksOneByOne(dataSource);                 // the N+1 loop
        }
        for (NPlusOne n : profiler.nPlusOne()) {
            System.out.println("N+1 at " + n.callSite() + ": " + n.fingerprint() + " x" + n.executions());
            System.out.println("  fix: " + n.suggestion());
        }
        List<QueryStats> top = profiler.topQueries(3);
        top.forEach(q -> System.out.println(q.executions() + "x p95=" + q.p95().toMillis() + "ms " + q.fingerprint()));

        // 2. explain: EXPLAIN ANALYZE for reads, in a rolled-back read-only transaction, under a timeout
        ExecutionPlan plan = ExecutionPlanAnalyzer.create(database)
                .explain("SELECT id, title FROM example_books WHERE author_id = ? ORDER BY title", 7);
        plan.insights().forEach(i -> System.out.println(i.kind().checkId() + ": " + i.message() + " -> "
                + i.fix().statements()));

        // 3. rewrite: applied only when results stay the same, advice otherwise
        RewriteResult rewrite = QueryRewriter.create(database)
                .rewrite("SELECT * FROM example_books WHERE genre = 'poetry' OR genre = 'drama'");
        System.out.println(rewrite.original() + "\n  -> " + rewrite.sql());

        // 4. cache: one loader per key, invalidated when the profiler sees a write to a table the entry read
        QueryCache.Builder builder = QueryCache.builder().ttl(Duration.ofMinutes(5)).maximumSize(10_000)
                .invalidatedBy(profiler);
        redisUri.ifPresent(uri -> builder.redis(uri).keyPrefix(redisKeyPrefix));   // shared by every instance
        try (QueryCache cache = builder.build()) {
            String sql = "SELECT title FROM example_books WHERE id = ?";
            String before = cache.query(dataSource, sql, 1).row(0).getString("title");
            cache.query(dataSource, sql, 1);                                         // a hit
            rename(dataSource, 1, "Collected Poems, second edition");                // a write, seen by the profiler
            QueryResult after = cache.query(dataSource, sql, 1);                    // reloaded
            CacheStats stats = cache.stats();
            System.out.println("cache: " + stats + ", hit rate " + stats.hitRate());
            if (redisUri.isPresent()) {
                cache.clear();
            }
            return new Result(profiler.nPlusOne(), top, plan, rewrite, before, after.row(0).getString("title"),
                    stats);
        }
    }

    private static void authorsWithTheirBooksOneByOne(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Long> authors = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM example_authors")) {
                while (rs.next()) {
                    authors.add(rs.getLong(1));
                }
            }
            for (long author : authors) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT title FROM example_books WHERE author_id = ?")) {
                    ps.setLong(1, author);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                }
            }
        }
    }

    private static void rename(DataSource dataSource, long id, String title) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE example_books SET title = ? WHERE id = ?")) {
            ps.setString(1, title);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static void createTables(DataSource dataSource, boolean postgres) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE example_authors (id bigint PRIMARY KEY, name varchar(100) NOT NULL)");
            st.execute("CREATE TABLE example_books (id bigint PRIMARY KEY, author_id bigint NOT NULL, "
                    + "title varchar(200) NOT NULL, genre varchar(20) NOT NULL)");
            st.execute(postgres
                    ? "INSERT INTO example_authors SELECT n, 'Author ' || n FROM generate_series(1, 300) n"
                    : "INSERT INTO example_authors SELECT seq, CONCAT('Author ', seq) FROM seq_1_to_300");
            st.execute(postgres
                    ? "INSERT INTO example_books SELECT n, 1 + n % 300, 'Book ' || n, (ARRAY['poetry', 'drama', "
                    + "'novel'])[1 + n % 3] FROM generate_series(1, 30000) n"
                    : "INSERT INTO example_books SELECT seq, 1 + seq % 300, CONCAT('Book ', seq), "
                    + "ELT(1 + seq % 3, 'poetry', 'drama', 'novel') FROM seq_1_to_30000");
            st.execute("UPDATE example_books SET title = 'Collected Poems' WHERE id = 1");
        }
        // from a new session, once the loading session's counters reached the statistics collector
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(postgres ? "ANALYZE example_books" : "ANALYZE TABLE example_books");
        }
    }

    /** Runs the example against the database at {@code args[0]} as {@code args[1]} with password {@code args[2]}. */
    public static void main(String[] args) throws SQLException {
        if (args.length < 3) {
            System.err.println("usage: QueryExample <jdbc-url> <user> <password> [redis-uri]");
            System.exit(2);
        }
        DataSource dataSource;
        if (args[0].startsWith("jdbc:postgresql:")) {
            org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
            pg.setURL(args[0]);
            pg.setUser(args[1]);
            pg.setPassword(args[2]);
            dataSource = pg;
        } else {
            org.mariadb.jdbc.MariaDbDataSource maria = new org.mariadb.jdbc.MariaDbDataSource(args[0]);
            maria.setUser(args[1]);
            maria.setPassword(args[2]);
            dataSource = maria;
        }
        run(dataSource, args.length > 3 ? Optional.of(args[3]) : Optional.empty(), "dbopt-example:");
    }
}
