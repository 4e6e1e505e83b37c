package io.dbopt.bench.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.json.Change;
import io.dbopt.json.ChangeHistory;
import io.dbopt.json.HistoryStats;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.slf4j.LoggerFactory;

/**
 * Storage of a 1,000-version history of an 8 KB document (an HTML page edited a paragraph at a time) as dbopt
 * diffs against full copies (the seed's DocumentChange: a text column, TOAST-compressed on PostgreSQL, InnoDB pages on
 * MariaDB), and the time to rebuild the latest, the oldest and the costliest version (the one just before a snapshot,
 * which applies the most diffs). Times are medians of the runs, each the mean of 50 reads over a small pool.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.json.HistoryBenchmark [--versions 1000] [--runs 3]
 * </pre>
 */
public final class HistoryBenchmark {

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int versions = CompressionBenchmark.option(args, "--versions", 1000);
        int runs = CompressionBenchmark.option(args, "--runs", 3);
        List<String> copies = versions(versions);
        System.out.println("| server | full copies, raw | full copies, stored | dbopt diffs + snapshots + head "
                + "| diffs / copies stored | diffs / copies raw | record one version | rebuild latest | rebuild oldest | rebuild "
                + "worst (49 diffs) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (TestDialect dialect : List.of(TestDialect.POSTGRESQL, TestDialect.MARIADB)) {
            try (TestDatabase db = TestDatabases.create(dialect, "bench-history");
                 HikariDataSource pool = pool(db)) {
                run(db, pool, copies, runs);
            }
        }
    }

    private static void run(TestDatabase db, HikariDataSource pool, List<String> copies, int runs) throws Exception {
        boolean pg = db.dialect() instanceof PostgresDialect;
        long raw = copies.stream().mapToLong(String::length).sum();
        long stored = fullCopies(db, copies, pg);
        DbOptConfig config = DbOptConfig.of(Map.of("json", Map.of("history", Map.of("table", "bench_history"))));
        try (ChangeHistory history = ChangeHistory.create(config, pool)) {
            history.createTables();
            long start = System.nanoTime();
            for (String c : copies) {
                history.record(Change.text("page", c));
            }
            double recordMillis = (System.nanoTime() - start) / 1e6 / copies.size();
            HistoryStats stats = history.stats();
            long dbopt = stats.storedBytes() + stats.headBytes();
            int n = copies.size();
            double[] latest = new double[runs];
            double[] oldest = new double[runs];
            double[] worst = new double[runs];
            for (int run = 0; run < runs; run++) {
                latest[run] = readMillis(history, n, copies.get(n - 1));
                oldest[run] = readMillis(history, 1, copies.get(0));
                worst[run] = readMillis(history, 50, copies.get(49));
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f MB | %.1f MB | %.2f MB (%d snapshots) | %.1f %% | %.1f %% | "
                            + "%.1f ms | %.2f ms | %.2f ms | %.2f ms |%n", db.testDialect().id(), raw / 1e6,
                    stored / 1e6,
                    dbopt / 1e6, stats.snapshots(), 100.0 * dbopt / stored, 100.0 * dbopt / raw, recordMillis,
                    CompressionBenchmark.median(latest), CompressionBenchmark.median(oldest),
                    CompressionBenchmark.median(worst));
        }
    }

    private static double readMillis(ChangeHistory history, int version, String expected) {
        if (!history.content("page", version).orElseThrow().equals(expected)) {
            throw new IllegalStateException("version " + version + " did not rebuild exactly");
        }
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            history.content("page", version).orElseThrow();
        }
        return (System.nanoTime() - start) / 1e6 / 50;
    }

    /** The bytes the copies take stored as the seed stores them: one text row per version. */
    private static long fullCopies(TestDatabase db, List<String> copies, boolean pg) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copies (id int PRIMARY KEY, document_id int NOT NULL, content "
                    + (pg ? "text" : "LONGTEXT") + " NOT NULL)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO copies VALUES (?, 1, ?)")) {
                for (int i = 0; i < copies.size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, copies.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            String size = pg ? "SELECT sum(pg_column_size(content)) FROM copies"
                    : "SELECT DATA_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'copies'";
            if (!pg) {
                s.execute("ANALYZE TABLE copies");
            }
            try (ResultSet rs = s.executeQuery(size)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** 1,000 versions of an 8 KB page: each edits, adds or removes a paragraph, or changes a word. */
    static List<String> versions(int n) {
        Random r = new Random(42);
        List<String> paragraphs = new ArrayList<>();
        String base = Documents.html(8192, 7);
        for (String line : base.split("\n")) {
            paragraphs.add(line + "\n");
        }
        List<String> out = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            int at = 3 + r.nextInt(Math.max(1, paragraphs.size() - 4));
            int size = paragraphs.stream().mapToInt(String::length).sum();
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (size < 8192) {
                        paragraphs.add(at, "<p>Added in revision " + v + ": " + Documents.html(300, v)
                                .replace("\n", " ").substring(200, 280) + "</p>\n");
                    } else {
                        paragraphs.remove(at);
                    }
                }
                case 1 -> paragraphs.set(at, paragraphs.get(at).replace("</p>", " Reviewed in revision " + v
                        + ".</p>"));
                default -> paragraphs.set(at, paragraphs.get(at).replaceFirst("[a-z]{5,}", "revised" + v));
            }
            out.add(String.join("", paragraphs));
        }
        return out;
    }

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(db.jdbcUrl());
        c.setUsername(db.user());
        c.setPassword(db.password());
        c.setMaximumPoolSize(2);
        return new HikariDataSource(c);
    }
}
