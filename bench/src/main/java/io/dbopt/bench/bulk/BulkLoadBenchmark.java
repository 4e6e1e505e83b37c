package io.dbopt.bench.bulk;

import de.bytefish.pgbulkinsert.PgBulkInsert;
import de.bytefish.pgbulkinsert.mapping.AbstractMapping;
import de.bytefish.pgbulkinsert.util.PostgreSqlUtils;
import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.LoadResult;
import io.dbopt.bulk.load.LoadStrategy;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.DriverDataSource;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loading speed of dbopt-bulk next to what users write by hand, side by side in one run, fresh table each run:
 * PostgreSQL raw {@code CopyManager} text COPY, PgBulkInsert binary COPY, {@code executeBatch} with and without
 * {@code reWriteBatchedInserts}, and the upsert against a batched {@code INSERT ... ON CONFLICT}; MariaDB raw
 * {@code LOAD DATA LOCAL INFILE}, batched INSERTs (bulk statements) and single-row INSERTs.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.bulk.BulkLoadBenchmark [--rows 1000000] [--runs 3]
 *     [--db postgresql|mariadb|both] [--upsert] [--single-row-rows 100000]
 * </pre>
 * Prints, per method, the median seconds and rows/s of the runs and the ratio of dbopt to each.
 */
public final class BulkLoadBenchmark {

    private interface Method {
        void load(TestDatabase db, String table, long rows) throws Exception;
    }

    private BulkLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(arg(args, "--rows", "1000000"));
        int runs = Integer.parseInt(arg(args, "--runs", "3"));
        String which = arg(args, "--db", "both");
        long singleRows = Long.parseLong(arg(args, "--single-row-rows", "100000"));
        boolean upsert = Arrays.asList(args).contains("--upsert");
        System.out.printf(Locale.ROOT, "bulk load benchmark: %,d rows, %d runs, %s%n", rows, runs,
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        if (!which.equals("mariadb")) {
            try (TestDatabase db = TestDatabases.create(TestDialect.POSTGRESQL, "bench_bulk")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> HANDLERS.values()
                        .forEach(BulkOperationHandler::close)));
                if (upsert) {
                    upsert(db, rows, runs);
                } else {
                    run(db, rows, runs, postgresMethods(db), "executeBatch (plain)");
                }
            }
        }
        if (!which.equals("postgresql") && !upsert) {
            try (TestDatabase db = TestDatabases.create(TestDialect.MARIADB, "bench_bulk")) {
                Map<String, Method> m = mariadbMethods(db);
                run(db, rows, runs, m, null);
                if (singleRows > 0) {
                    List<Double> secs = new ArrayList<>();
                    for (int r = 0; r < runs; r++) {
                        fresh(db, "t");
                        long t0 = System.nanoTime();
                        singleRowInserts(db, "t", singleRows);
                        secs.add((System.nanoTime() - t0) / 1e9);
                    }
                    double med = median(secs);
                    System.out.printf(Locale.ROOT, "%-36s %,12d rows  median %8.2f s %,12.0f rows/s  runs %s%n",
                            "single-row INSERTs", singleRows, med, singleRows / med, secs);
                }
            }
        }
    }

    private static void run(TestDatabase db, long rows, int runs, Map<String, Method> methods, String baseline)
            throws Exception {
        Map<String, List<Double>> secs = new LinkedHashMap<>();
        methods.keySet().forEach(k -> secs.put(k, new ArrayList<>()));
        for (Map.Entry<String, Method> warm : methods.entrySet()) {
            fresh(db, "t"); // warm-up: JIT and connection setup of every method, untimed
            warm.getValue().load(db, "t", Math.min(rows, 20_000));
        }
        for (int r = 0; r < runs; r++) {
            List<String> order = new ArrayList<>(methods.keySet());
            java.util.Collections.rotate(order, r); // a different method goes first each round
            for (String name : order) {
                fresh(db, "t");
                System.gc();
                long t0 = System.nanoTime();
                methods.get(name).load(db, "t", rows);
                double s = (System.nanoTime() - t0) / 1e9;
                long n = db.queryLong("SELECT COUNT(*) FROM t");
                if (n != rows) {
                    throw new IllegalStateException(name + " loaded " + n + " rows, not " + rows);
                }
                secs.get(name).add(s);
            }
        }
        print(db, rows, secs, baseline);
    }

    private static void print(TestDatabase db, long rows, Map<String, List<Double>> secs, String baseline) {
        System.out.printf(Locale.ROOT, "%n%s, %,d rows%n", db.testDialect().id(), rows);
        double dbopt = median(secs.values().iterator().next());
        double fastestRaw = secs.entrySet().stream().filter(e -> !e.getKey().startsWith("dbopt"))
                .mapToDouble(e -> median(e.getValue())).min().orElse(Double.NaN);
        for (Map.Entry<String, List<Double>> e : secs.entrySet()) {
            double m = median(e.getValue());
            System.out.printf(Locale.ROOT, "%-36s median %8.3f s %,12.0f rows/s  dbopt/this %5.2fx  runs %s%n",
                    e.getKey(), m, rows / m, m / dbopt, e.getValue());
        }
        System.out.printf(Locale.ROOT, "dbopt (first row) vs fastest raw method: %.2fx%s%n", fastestRaw / dbopt,
                baseline == null ? "" : String.format(Locale.ROOT, "; vs %s: %.2fx", baseline,
                        median(secs.get(baseline)) / dbopt));
        // ratios within each round (methods of one round ran minutes apart at most), then their median
        List<Double> first = secs.values().iterator().next();
        for (Map.Entry<String, List<Double>> e : secs.entrySet()) {
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < first.size(); r++) {
                ratios.add(e.getValue().get(r) / first.get(r));
            }
            System.out.printf(Locale.ROOT, "  per-round speed of %s vs %s: median %.2fx %s%n", secs.keySet()
                    .iterator().next(), e.getKey(), median(ratios), ratios.stream()
                    .map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static void fresh(TestDatabase db, String table) {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        db.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " "
                + (pg ? BenchRow.PG_DDL : BenchRow.MARIADB_DDL));
    }

    static DbOptConfig config(TestDatabase db) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database.url", db.jdbcUrl());
        m.put("database.user", db.user());
        if (db.password() != null && !db.password().isEmpty()) {
            m.put("database.password", db.password());
        }
        return DbOptConfig.of(m);
    }

    private static final Map<String, BulkOperationHandler> HANDLERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One handler per database, kept across runs as an application keeps it. */
    static BulkOperationHandler handler(TestDatabase db) {
        return HANDLERS.computeIfAbsent(db.name(), n -> BulkOperationHandler.create(config(db), pool(db)));
    }

    /** The application's pool the handler is given (HikariCP, 4 connections), as an application would. */
    static DataSource pool(TestDatabase db) {
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(4);
        hc.setPoolName("bench-" + db.testDialect().id());
        return new com.zaxxer.hikari.HikariDataSource(hc);
    }

    private static Method dbopt(LoadStrategy strategy) {
        return (db, table, rows) -> {
            LoadResult r = handler(db).load(LoadRequest.into(table, BenchRow.MAPPING).strategy(strategy),
                    RowSource.of(BenchRow.rows(1, rows)));
            if (r.rowsInserted() != rows) {
                throw new IllegalStateException("dbopt inserted " + r.rowsInserted());
            }
        };
    }

    static Map<String, Method> postgresMethods(TestDatabase db) {
        Map<String, Method> m = new LinkedHashMap<>();
        m.put("dbopt AUTO", dbopt(LoadStrategy.AUTO));
        m.put("dbopt COPY_TEXT", dbopt(LoadStrategy.COPY_TEXT));
        m.put("dbopt COPY_BINARY", dbopt(LoadStrategy.COPY_BINARY));
        m.put("raw CopyManager text COPY", BulkLoadBenchmark::rawTextCopy);
        m.put("PgBulkInsert binary COPY", BulkLoadBenchmark::pgBulkInsert);
        m.put("executeBatch (plain)", (d, t, n) -> executeBatch(d.dataSource(), t, n, true));
        m.put("executeBatch reWriteBatchedInserts", (d, t, n) -> executeBatch(
                dataSource(d, "reWriteBatchedInserts", "true"), t, n, true));
        return m;
    }

    static Map<String, Method> mariadbMethods(TestDatabase db) {
        Map<String, Method> m = new LinkedHashMap<>();
        m.put("dbopt AUTO", dbopt(LoadStrategy.AUTO));
        m.put("dbopt BATCH_INSERT", dbopt(LoadStrategy.BATCH_INSERT));
        m.put("raw LOAD DATA LOCAL INFILE", BulkLoadBenchmark::rawLoadData);
        m.put("batched INSERTs (bulk statements)", (d, t, n) -> executeBatch(
                dataSource(d, "useBulkStmtsForInserts", "true"), t, n, false));
        return m;
    }

    static DataSource dataSource(TestDatabase db, String property, String value) {
        return DriverDataSource.of(db.jdbcUrl()).withUser(db.user())
                .withPassword(db.password() == null || db.password().isEmpty() ? null : db.password().toCharArray())
                .withProperty(property, value);
    }

    /** What a user writes with pgjdbc's CopyManager: rows as COPY text, streamed in 64 KB writes. */
    static void rawTextCopy(TestDatabase db, String table, long rows) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " ("
                    + String.join(", ", BenchRow.COLUMNS) + ") FROM STDIN");
            StringBuilder sb = new StringBuilder(1 << 17);
            for (Iterator<BenchRow> it = BenchRow.rows(1, rows); it.hasNext(); ) {
                appendText(sb, it.next(), false);
                if (sb.length() >= 1 << 16) {
                    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(b, 0, b.length);
                    sb.setLength(0);
                }
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(b, 0, b.length);
            in.endCopy();
            c.commit();
        }
    }

    static void appendText(StringBuilder sb, BenchRow r, boolean mariadb) {
        Object[] v = r.values();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            Object x = v[i];
            if (x == null) {
                sb.append("\\N");
            } else if (x instanceof BigDecimal d) {
                sb.append(d.toPlainString());
            } else if (x instanceof LocalDateTime t) {
                sb.append(t.toLocalDate()).append(' ').append(t.toLocalTime());
            } else if (x instanceof OffsetDateTime t) {
                LocalDateTime u = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                sb.append(u.toLocalDate()).append(' ').append(u.toLocalTime()).append(mariadb ? "" : "+00");
            } else {
                sb.append(x); // the generated text holds no tab, newline or backslash
            }
        }
        sb.append('\n');
    }

    /** PgBulkInsert's binary COPY with its mapping. */
    static void pgBulkInsert(TestDatabase db, String table, long rows) throws Exception {
        PgBulkInsert<BenchRow> bulk = new PgBulkInsert<>(new PgBulkMapping(table));
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            bulk.saveAll(PostgreSqlUtils.getPGConnection(c),
                    StreamSupport.stream(BenchRow.iterable(1, rows).spliterator(), false));
            c.commit();
        }
    }

    /** PgBulkInsert's mapping of the benchmark row. */
    static final class PgBulkMapping extends AbstractMapping<BenchRow> {
        PgBulkMapping(String table) {
            super("public", table);
            mapLong("id", BenchRow::id);
            mapInteger("qty", BenchRow::qty);
            mapInteger("bucket", BenchRow::bucket);
            mapLong("ref", BenchRow::ref);
            mapText("name", BenchRow::name);
            mapText("note", BenchRow::note);
            mapNumeric("amount", BenchRow::amount);
            mapTimeStamp("created", BenchRow::created);
            mapTimeStampTz("updated", r -> r.updated() == null ? null : r.updated().toZonedDateTime());
        }
    }

    /** {@code executeBatch} of a parameterised INSERT, one commit at the end, executeBatch every 10,000 rows. */
    static void executeBatch(DataSource ds, String table, long rows, boolean postgres) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " ("
                    + String.join(", ", BenchRow.COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (Iterator<BenchRow> it = BenchRow.rows(1, rows); it.hasNext(); ) {
                    bind(ps, it.next(), postgres);
                    ps.addBatch();
                    if (++pending == 10_000) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            c.commit();
        }
    }

    static void bind(PreparedStatement ps, BenchRow r, boolean postgres) throws SQLException {
        ps.setLong(1, r.id());
        ps.setInt(2, r.qty());
        ps.setInt(3, r.bucket());
        if (r.ref() == null) {
            ps.setNull(4, Types.BIGINT);
        } else {
            ps.setLong(4, r.ref());
        }
        ps.setString(5, r.name());
        ps.setString(6, r.note());
        ps.setBigDecimal(7, r.amount());
        ps.setObject(8, r.created());
        if (r.updated() == null) {
            ps.setNull(9, postgres ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
        } else if (postgres) {
            ps.setObject(9, r.updated());
        } else {
            ps.setObject(9, r.updated().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
    }

    /** What a user writes for MariaDB: rows as LOAD DATA text from a stream, on a connection allowing it. */
    static void rawLoadData(TestDatabase db, String table, long rows) throws Exception {
        try (Connection c = dataSource(db, "allowLocalInfile", "true").getConnection();
             Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
            c.setAutoCommit(false);
            Iterator<BenchRow> it = BenchRow.rows(1, rows);
            InputStream in = new InputStream() {
                private byte[] buf = new byte[0];
                private int pos;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (pos == buf.length) {
                        if (!it.hasNext()) {
                            return -1;
                        }
                        StringBuilder sb = new StringBuilder(1 << 17);
                        while (it.hasNext() && sb.length() < 1 << 16) {
                            appendText(sb, it.next(), true);
                        }
                        buf = sb.toString().getBytes(StandardCharsets.UTF_8);
                        pos = 0;
                    }
                    int n = Math.min(len, buf.length - pos);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
            };
            st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
            st.execute("LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE " + table + " CHARACTER SET utf8mb4 ("
                    + String.join(", ", BenchRow.COLUMNS) + ")");
            c.commit();
        }
    }

    /** One INSERT per row, a commit every 1,000 rows: the baseline of MariaDB's goal. */
    static void singleRowInserts(TestDatabase db, String table, long rows) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " ("
                    + String.join(", ", BenchRow.COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                long n = 0;
                for (Iterator<BenchRow> it = BenchRow.rows(1, rows); it.hasNext(); ) {
                    bind(ps, it.next(), false);
                    ps.executeUpdate();
                    if (++n % 1_000 == 0) {
                        c.commit();
                    }
                }
            }
            c.commit();
        }
    }

    /** Upsert of {@code rows} rows, half new and half existing, against a batched INSERT ... ON CONFLICT. */
    static void upsert(TestDatabase db, long rows, int runs) throws Exception {
        Map<String, List<Double>> secs = new LinkedHashMap<>();
        secs.put("dbopt upsert (COPY + ON CONFLICT)", new ArrayList<>());
        secs.put("batched INSERT ON CONFLICT (rewrite)", new ArrayList<>());
        String cols = String.join(", ", BenchRow.COLUMNS);
        StringBuilder set = new StringBuilder();
        for (int i = 1; i < BenchRow.COLUMNS.length; i++) {
            set.append(i == 1 ? "" : ", ").append(BenchRow.COLUMNS[i]).append(" = EXCLUDED.").append(BenchRow.COLUMNS[i]);
        }
        for (int r = 0; r < runs; r++) {
            for (String name : secs.keySet()) {
                fresh(db, "t");
                handler(db).load(LoadRequest.into("t", BenchRow.MAPPING), RowSource.of(BenchRow.rows(1, rows / 2)));
                db.execute("VACUUM ANALYZE t");
                System.gc();
                long t0 = System.nanoTime();
                if (name.startsWith("dbopt")) {
                    LoadResult lr = handler(db).load(LoadRequest.into("t", BenchRow.MAPPING).upsertOn("id"),
                            RowSource.of(BenchRow.rows(1, rows)));
                    if (lr.rowsInserted() != rows / 2 || lr.rowsUpdated() != rows / 2) {
                        throw new IllegalStateException("upsert counted " + lr.rowsInserted() + "/"
                                + lr.rowsUpdated());
                    }
                } else {
                    try (Connection c = dataSource(db, "reWriteBatchedInserts", "true").getConnection()) {
                        c.setAutoCommit(false);
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (" + cols + ") VALUES (?, ?, ?, "
                                + "?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET " + set)) {
                            int pending = 0;
                            for (Iterator<BenchRow> it = BenchRow.rows(1, rows); it.hasNext(); ) {
                                bind(ps, it.next(), true);
                                ps.addBatch();
                                if (++pending == 10_000) {
                                    ps.executeBatch();
                                    pending = 0;
                                }
                            }
                            if (pending > 0) {
                                ps.executeBatch();
                            }
                        }
                        c.commit();
                    }
                }
                secs.get(name).add((System.nanoTime() - t0) / 1e9);
                if (db.queryLong("SELECT COUNT(*) FROM t") != rows) {
                    throw new IllegalStateException(name + " left the wrong count");
                }
            }
        }
        print(db, rows, secs, null);
    }

    static String arg(String[] args, String name, String def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
