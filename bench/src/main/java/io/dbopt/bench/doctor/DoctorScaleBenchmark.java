package io.dbopt.bench.doctor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The doctor at scale: for each size (default 100, 1,000 and 10,000 tables) and each server, builds a
 * {@link ScaleSchema} in a throwaway database (dropped afterwards), runs a small workload, then runs the doctor in a
 * fresh JVM per run ({@link DoctorScaleRun}) so that time and peak memory are those of one cold {@code dbopt doctor}:
 * medians of {@code --runs} (default 3). At {@code --peer-at} tables (default 1,000) on PostgreSQL, pg-index-health's
 * standard checks run side by side in the same rounds (alternating which goes first) and the ratio is printed; there
 * too the doctor runs again with {@code -Xmx<--heap-cap>m} (default 150) to show it fits that heap. Growth between
 * sizes is printed as time and memory ratios next to the table ratio. {@code --jfr DIR} records a JFR profile of every
 * doctor run into DIR.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.doctor.DoctorScaleBenchmark [--sizes 100,1000,10000]
 *      [--dialect postgresql|mariadb] [--runs 3] [--peer-at 1000] [--heap-cap 150] [--jfr DIR] [--jvm-opts "..."]
 * </pre>
 */
public final class DoctorScaleBenchmark {

    private DoctorScaleBenchmark() {
    }

    /** One parsed run: numbers by key, and section times. */
    record Run(Map<String, Long> values, Map<String, Long> sections, long processMillis) {
        long get(String key) {
            return values.getOrDefault(key, -1L);
        }
    }

    /** Medians of one tool at one size. */
    record Summary(String tool, int tables, long indexes, double ms, double processMs, double heapMb, double liveMb,
                   double rssMb, long findings, Map<String, Double> sections) {
    }

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int[] sizes = Arrays.stream(arg(args, "--sizes", "100,1000,10000").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int runs = Integer.parseInt(arg(args, "--runs", "3"));
        int peerAt = Integer.parseInt(arg(args, "--peer-at", "1000"));
        int heapCap = Integer.parseInt(arg(args, "--heap-cap", "150"));
        String jfr = arg(args, "--jfr", "");
        List<String> jvmOpts = arg(args, "--jvm-opts", "").isBlank() ? List.of()
                : List.of(arg(args, "--jvm-opts", "").trim().split("\\s+"));
        List<TestDialect> dialects = new ArrayList<>(List.of(TestDialect.POSTGRESQL, TestDialect.MARIADB));
        String only = arg(args, "--dialect", "");
        dialects.removeIf(d -> !only.isEmpty() && !d.id().equals(only));
        System.out.printf(Locale.ROOT, "doctor at scale: sizes %s, %d runs each, fresh JVM per run; load %s; %d cpus%n",
                Arrays.toString(sizes), runs, loadAverage(), Runtime.getRuntime().availableProcessors());
        for (TestDialect dialect : dialects) {
            List<Summary> rows = new ArrayList<>();
            for (int size : sizes) {
                rows.addAll(size(dialect, size, runs, size == peerAt, heapCap, jfr, jvmOpts));
            }
            growth(dialect, rows);
        }
        System.out.printf(Locale.ROOT, "load at the end %s%n", loadAverage());
    }

    private static List<Summary> size(TestDialect dialect, int tables, int runs, boolean peer, int heapCap,
                                      String jfr, List<String> jvmOpts) throws Exception {
        List<Summary> out = new ArrayList<>();
        try (TestDatabase db = TestDatabases.create(dialect, "bench_doctor_" + tables)) {
            ScaleSchema schema = new ScaleSchema(db, tables);
            long t0 = System.nanoTime();
            schema.create();
            long t1 = System.nanoTime();
            int statements = schema.workload();
            long indexes = schema.indexes();
            System.out.printf(Locale.ROOT, "%n%s, %,d tables, %,d indexes: built in %.1f s, workload of %,d statements "
                            + "in %.1f s; load %s%n", dialect.id(), tables, indexes, (t1 - t0) / 1e9, statements,
                    (System.nanoTime() - t1) / 1e9, loadAverage());
            boolean withPeer = peer && dialect == TestDialect.POSTGRESQL;
            List<Run> dbopt = new ArrayList<>();
            List<Run> other = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                boolean peerFirst = withPeer && r % 2 == 1;
                if (peerFirst) {
                    other.add(child(db, "pg-index-health", List.of()));
                }
                List<String> opts = new ArrayList<>(jvmOpts);
                if (!jfr.isEmpty()) {
                    opts.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).resolve(String.format(Locale.ROOT,
                            "doctor-%s-%d-%d.jfr", dialect.id(), tables, r))
                            + ",settings=profile,jdk.SocketRead#threshold=1ms");
                }
                dbopt.add(child(db, "dbopt", opts));
                if (withPeer && !peerFirst) {
                    other.add(child(db, "pg-index-health", List.of()));
                }
            }
            Summary mine = summarize("dbopt", tables, indexes, dbopt);
            out.add(mine);
            print(mine);
            if (withPeer) {
                Summary theirs = summarize("pg-index-health", tables, indexes, other);
                print(theirs);
                System.out.printf(Locale.ROOT, "ratio dbopt / pg-index-health: time %.2fx (goal <= 1.0x: %s), process "
                                + "wall %.2fx, peak heap %.2fx, peak RSS %.2fx%n", mine.ms() / theirs.ms(),
                        mine.ms() <= theirs.ms() ? "met" : "NOT met", mine.processMs() / theirs.processMs(),
                        mine.heapMb() / theirs.heapMb(), mine.rssMb() / theirs.rssMb());
            }
            if (peer && heapCap > 0) {
                capped(db, runs, heapCap, jvmOpts);
            }
        }
        return out;
    }

    /** Runs the doctor under a heap cap: every run must finish. */
    private static void capped(TestDatabase db, int runs, int heapCap, List<String> jvmOpts) throws Exception {
        List<Run> capped = new ArrayList<>();
        List<String> opts = new ArrayList<>(jvmOpts);
        opts.add("-Xmx" + heapCap + "m");
        int failed = 0;
        for (int r = 0; r < runs; r++) {
            try {
                capped.add(child(db, "dbopt", opts));
            } catch (IllegalStateException e) {
                failed++;
                System.out.println("  with -Xmx" + heapCap + "m: " + e.getMessage());
            }
        }
        if (!capped.isEmpty()) {
            Summary s = summarize("dbopt -Xmx" + heapCap + "m", 0, 0, capped);
            System.out.printf(Locale.ROOT, "with -Xmx%dm: %d of %d runs finished, median %.0f ms, peak heap %.0f MB, "
                            + "live after GC %.0f MB, RSS %.0f MB (goal <= %d MB heap: %s)%n", heapCap, capped.size(),
                    runs, s.ms(), s.heapMb(), s.liveMb(), s.rssMb(), heapCap, failed == 0 ? "met" : "NOT met");
        }
    }

    private static Run child(TestDatabase db, String tool, List<String> opts) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(opts);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DoctorScaleRun.class.getName(), tool));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("DBOPT_BENCH_URL", db.jdbcUrl());
        pb.environment().put("DBOPT_BENCH_USER", db.user());
        pb.environment().put("DBOPT_BENCH_PASSWORD", db.password() == null ? "" : db.password());
        long t = System.nanoTime();
        Process p = pb.start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish within 30 minutes");
        }
        long processMillis = (System.nanoTime() - t) / 1_000_000;
        if (p.exitValue() != 0 || result == null) {
            throw new IllegalStateException(tool + " exited with " + p.exitValue());
        }
        return parse(result, processMillis);
    }

    static Run parse(String line, long processMillis) {
        Map<String, Long> values = new LinkedHashMap<>();
        Map<String, Long> sections = new LinkedHashMap<>();
        for (String part : line.substring("RESULT ".length()).split(" ")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals("sections")) {
                for (String s : kv[1].split(";")) {
                    int colon = s.lastIndexOf(':');
                    if (colon > 0) {
                        sections.put(s.substring(0, colon), Long.parseLong(s.substring(colon + 1)));
                    }
                }
            } else if (kv.length == 2 && kv[1].matches("-?\\d+")) {
                values.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return new Run(values, sections, processMillis);
    }

    private static Summary summarize(String tool, int tables, long indexes, List<Run> runs) {
        Map<String, Double> sections = new TreeMap<>();
        runs.get(0).sections().keySet().forEach(k -> sections.put(k,
                median(runs.stream().mapToDouble(r -> r.sections().getOrDefault(k, 0L)).toArray())));
        return new Summary(tool, tables, indexes, median(runs, "ms", 1),
                median(runs.stream().mapToDouble(Run::processMillis).toArray()), median(runs, "heap", 1 << 20),
                median(runs, "live", 1 << 20), median(runs, "rss", 1 << 20), runs.get(0).get("findings"), sections);
    }

    private static double median(List<Run> runs, String key, double unit) {
        return median(runs.stream().mapToDouble(r -> r.get(key) / unit).toArray());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2]
                : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void print(Summary s) {
        System.out.printf(Locale.ROOT, "%-16s median %,8.0f ms (process %,8.0f ms), peak heap %6.0f MB, live after GC "
                        + "%6.0f MB, peak RSS %6.0f MB, %,d findings%n", s.tool(), s.ms(), s.processMs(), s.heapMb(),
                s.liveMb(), s.rssMb(), s.findings());
        StringBuilder line = new StringBuilder("    sections (median ms):");
        s.sections().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.0f,", e.getKey(), e.getValue())));
        System.out.println(line.substring(0, line.length() - 1));
    }

    /** Time and memory ratios between consecutive sizes next to the table ratio (at most linear: ratio <= tables). */
    private static void growth(TestDialect dialect, List<Summary> rows) {
        System.out.printf(Locale.ROOT, "%n%s growth of dbopt doctor between sizes (at most linear when each ratio <= "
                + "the tables ratio):%n", dialect.id());
        for (int i = 1; i < rows.size(); i++) {
            Summary a = rows.get(i - 1);
            Summary b = rows.get(i);
            double n = (double) b.tables() / a.tables();
            System.out.printf(Locale.ROOT, "  %,d -> %,d tables (%.0fx): time %.2fx, peak heap %.2fx, live after GC "
                            + "%.2fx, peak RSS %.2fx; per table %.2f ms and %.1f KB live heap at %,d tables%n",
                    a.tables(), b.tables(), n, b.ms() / a.ms(), b.heapMb() / a.heapMb(), b.liveMb() / a.liveMb(),
                    b.rssMb() / a.rssMb(), b.ms() / b.tables(), b.liveMb() * 1024 / b.tables(), b.tables());
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String arg(String[] args, String name, String fallback) {
        int i = List.of(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
