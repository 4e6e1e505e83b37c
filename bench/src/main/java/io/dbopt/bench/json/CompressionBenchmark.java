package io.dbopt.bench.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.json.JsonCompressor;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.slf4j.LoggerFactory;

/**
 * Compression ratio and speed of dbopt's codec (zstd level 3, without and with a trained dictionary) against
 * PostgreSQL TOAST (pglz and lz4, stored size by {@code pg_column_size}) and MariaDB's COMPRESSED columns (zlib,
 * measured with {@code COMPRESS()}, the same zlib), on generated JSON documents and HTML pages of 1, 2, 4 and 8 KB.
 * Dictionaries are trained on documents disjoint from the measured ones. TOAST compresses only rows over about 2 KB,
 * (TOAST_TUPLE_THRESHOLD, which {@code toast_tuple_target = 128} does not lower), so at 1 KB it stores documents
 * uncompressed. Speeds are single-threaded, in MB of original text per second of CPU time (one core's speed),
 * medians of the runs.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.json.CompressionBenchmark [--runs 3] [--count 1000]
 * </pre>
 */
public final class CompressionBenchmark {

    private static final int[] SIZES = {1024, 2048, 4096, 8192};

    private CompressionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int runs = option(args, "--runs", 3);
        int count = option(args, "--count", 1000);
        int train = option(args, "--train", 500);
        try (TestDatabase pg = TestDatabases.create(TestDialect.POSTGRESQL, "bench-json");
             TestDatabase maria = TestDatabases.create(TestDialect.MARIADB, "bench-json")) {
            System.out.printf(Locale.ROOT, "%d documents per row, dictionaries trained on %d others, %d runs%n%n",
                    count, train, runs);
            System.out.println("| documents | zstd | zstd + dict | PG pglz | PG lz4 | MariaDB zlib | dict / lz4 "
                    + "| dict compress MB/s | dict decompress MB/s | to String MB/s | no-dict decompress MB/s |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (String kind : List.of("json", "html")) {
                for (int size : SIZES) {
                    IntFunction<String> doc = kind.equals("json") ? s -> Documents.json(size, s)
                            : s -> Documents.html(size, s);
                    List<String> samples = IntStream.range(0, train).mapToObj(doc).toList();
                    List<String> test = IntStream.range(1_000_000, 1_000_000 + count).mapToObj(doc).toList();
                    row(kind, size, samples, test, pg, maria, runs);
                }
            }
        }
    }

    private static void row(String kind, int size, List<String> samples, List<String> test, TestDatabase pg,
                            TestDatabase maria, int runs) throws Exception {
        long raw = test.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        DbOptConfig config = DbOptConfig.of(Map.of("json", Map.of("compression", Map.of("min_size", 0,
                "dictionary_table", "bench_dictionaries", "dictionary_size", size <= 2048 ? "16KB" : "32KB"))));
        try (JsonCompressor compressor = JsonCompressor.create(config, pg.dataSource())) {
            String scope = kind + size;
            List<byte[]> plain = packed(compressor, test, null);
            compressor.trainDictionary(scope, samples);
            List<byte[]> dict = packed(compressor, test, scope);
            double zstd = (double) raw / total(plain);
            double withDict = (double) raw / total(dict);
            double pglz = (double) raw / toast(pg, test, "pglz");
            double lz4 = (double) raw / toast(pg, test, "lz4");
            double zlib = (double) raw / zlib(maria, test);
            double[] compressSpeed = new double[runs];
            double[] decompressSpeed = new double[runs];
            double[] stringSpeed = new double[runs];
            double[] plainSpeed = new double[runs];
            for (int run = 0; run < runs; run++) {
                compressSpeed[run] = throughput(raw, () -> packed(compressor, test, scope));
                decompressSpeed[run] = throughput(raw, () -> dict.forEach(b -> compressor.decompressToBytes(b, "b")));
                stringSpeed[run] = throughput(raw, () -> dict.forEach(b -> compressor.decompress(b, "b")));
                plainSpeed[run] = throughput(raw, () -> plain.forEach(b -> compressor.decompressToBytes(b, "b")));
            }
            System.out.printf(Locale.ROOT, "| %s %d KB | %.2fx | %.2fx | %.2fx | %.2fx | %.2fx | %.2f | %.0f | %.0f "
                            + "| %.0f | %.0f |%n", kind, size / 1024, zstd, withDict, pglz, lz4, zlib, withDict / lz4,
                    median(compressSpeed), median(decompressSpeed), median(stringSpeed), median(plainSpeed));
        }
    }

    private static List<byte[]> packed(JsonCompressor compressor, List<String> docs, String scope) {
        List<byte[]> out = new ArrayList<>(docs.size());
        for (String d : docs) {
            out.add(scope == null ? compressor.compress(d) : compressor.compress(d, scope));
        }
        return out;
    }

    private static long total(List<byte[]> values) {
        return values.stream().mapToLong(b -> b.length).sum();
    }

    /** Stored bytes of the documents in a text column compressed by TOAST with {@code method}. */
    private static long toast(TestDatabase db, List<String> docs, String method) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS toast_bench");
            s.execute("CREATE TABLE toast_bench (id int, body text COMPRESSION " + method + ")");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO toast_bench VALUES (?, ?)")) {
                for (int i = 0; i < docs.size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, docs.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT sum(pg_column_size(body)) FROM toast_bench")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Bytes of the documents compressed by MariaDB's zlib, as a COMPRESSED column stores them. */
    private static long zlib(TestDatabase db, List<String> docs) throws Exception {
        long total = 0;
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT LENGTH(COMPRESS(?))")) {
            for (String d : docs) {
                ps.setString(1, d);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /**
     * MB (10^6 bytes of original text) per second of the thread's CPU time, over passes repeated for at least 300 ms
     * of it: the speed of one core, which other processes on a shared machine do not lower the way they lower
     * wall-clock throughput.
     */
    static double throughput(long bytes, Runnable pass) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        pass.run(); // warm up
        pass.run();
        long start = cpu.getCurrentThreadCpuTime();
        int passes = 0;
        do {
            pass.run();
            passes++;
        } while (cpu.getCurrentThreadCpuTime() - start < 300_000_000L);
        double seconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
        return bytes * (double) passes / seconds / 1e6;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static int option(String[] args, String name, int fallback) {
        int i = List.of(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : fallback;
    }
}
