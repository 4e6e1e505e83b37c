package io.dbopt.bench.migration;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.migration.lint.LintResult;
import io.dbopt.migration.lint.MigrationValidator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Linting a directory of 1,000 PostgreSQL migration files in one process, as {@code dbopt lint} does, side by side
 * with squawk (a native binary) on the same files. The files are generated (seeded, so every run lints the same
 * text): 3 to 12 statements each of the kinds real migrations hold — tables with a dozen columns, indexes,
 * ALTER TABLE with defaults and constraints, backfills, PL/pgSQL functions in dollar quotes, enum types, seeds.
 *
 * <pre>
 * mvn -B -q -pl bench package -am -DskipTests   # once
 * bash .ci/install-squawk                       # optional: the peer
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.LintDirectoryBenchmark [--files 1000] [--squawk PATH]
 * </pre>
 * It prints the first lint of the directory in the fresh JVM (class loading and JIT warm-up included: what one
 * {@code dbopt lint} run pays) in wall time and in CPU time of the linting thread (the figure that holds on a busy
 * machine), the JVM's uptime and process CPU time at that point (process start, JIT and GC included), the median of
 * five further lints, and squawk's median wall time over three runs of the whole directory (process start
 * included).
 */
public final class LintDirectoryBenchmark {

    private LintDirectoryBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        int files = a.contains("--files") ? Integer.parseInt(a.get(a.indexOf("--files") + 1)) : 1000;
        Path squawk = a.contains("--squawk") ? Path.of(a.get(a.indexOf("--squawk") + 1))
                : Path.of(".ci", "tools", "squawk", "node_modules", ".bin", "squawk");
        Path dir = Files.createTempDirectory("dbopt-lint-bench");
        int statements = write(dir, files);
        MigrationValidator validator = MigrationValidator.builder(Dialect.of(DatabaseProduct.POSTGRESQL,
                ServerVersion.of(15, 0, 0))).build();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        LintResult first = validator.lintDirectory(dir);
        double cold = (System.nanoTime() - start) / 1e6;
        double coldCpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        double processCpu = processCpuMillis();
        List<Double> warm = new ArrayList<>();
        List<Double> warmCpu = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            validator.lintDirectory(dir);
            warm.add((System.nanoTime() - t) / 1e6);
            warmCpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
        }
        System.out.printf(Locale.ROOT, "dbopt lint of %d files (%d statements, %d findings): first run %.0f ms "
                        + "wall, %.0f ms CPU of the linting thread; JVM uptime then %d ms, process CPU %.0f ms (JIT and "
                        + "GC threads included); then median %.0f ms wall, %.0f ms CPU%n", files, statements,
                first.findings().size(), cold, coldCpu, uptime, processCpu, median(warm), median(warmCpu));
        if (Files.isExecutable(squawk)) {
            List<Double> peer = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                peer.add(squawk(squawk, dir));
            }
            System.out.printf(Locale.ROOT, "squawk on the same files: median %.0f ms %s; dbopt first run / squawk "
                    + "%.2f, dbopt warm / squawk %.2f%n", median(peer), peer, cold / median(peer),
                    median(warm) / median(peer));
        } else {
            System.out.println("squawk not found at " + squawk + " (bash .ci/install-squawk, or --squawk PATH): "
                    + "no peer figure");
        }
    }

    /** CPU time of the whole process so far, in milliseconds, where the JVM reports it; -1 otherwise. */
    private static double processCpuMillis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e6;
        }
        return -1;
    }

    private static double squawk(Path squawk, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(squawk.toString(), "--reporter", "json", "--assume-in-transaction"));
        try (var list = Files.list(dir)) {
            list.sorted().forEach(p -> command.add(p.toString()));
        }
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("squawk did not finish within 5 minutes");
        }
        return (System.nanoTime() - t) / 1e6;
    }

    /** Writes the files; returns how many statements they hold. */
    static int write(Path dir, int files) throws IOException {
        Random random = new Random(19);
        int statements = 0;
        for (int f = 1; f <= files; f++) {
            StringBuilder sql = new StringBuilder("-- migration ").append(f).append('\n');
            int count = 3 + random.nextInt(10);
            if (random.nextBoolean()) {
                sql.append("SET lock_timeout = '5s';\n");
                count--;
                statements++;
            }
            for (int s = 0; s < count; s++) {
                sql.append(statement(random, f, s)).append(";\n\n");
            }
            statements += count;
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "V%04d__change_%d.sql", f, f)), sql);
        }
        return statements;
    }

    private static String statement(Random random, int file, int index) {
        String t = "t" + (file % 97);
        String n = "c" + file + "_" + index;
        return switch (random.nextInt(10)) {
            case 0 -> createTable(random, "tab_" + file + "_" + index);
            case 1 -> "CREATE INDEX " + n + "_idx ON " + t + " (" + n + ", created_at)";
            case 2 -> "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + n + "_lower_idx ON " + t + " (lower(email))";
            case 3 -> "ALTER TABLE " + t + " ADD COLUMN " + n + " text NOT NULL DEFAULT 'none', ADD COLUMN " + n
                    + "_at timestamptz DEFAULT now()";
            case 4 -> "ALTER TABLE " + t + " ADD CONSTRAINT " + n + "_fk FOREIGN KEY (" + n + "_id) REFERENCES users (id)"
                    + (random.nextBoolean() ? " NOT VALID" : "");
            case 5 -> "UPDATE " + t + " SET status = 'active', updated_at = now() WHERE status IS NULL AND id < "
                    + random.nextInt(100_000);
            case 6 -> "CREATE OR REPLACE FUNCTION " + n + "_touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                    + "BEGIN\n  NEW.updated_at := now();\n  IF NEW.status IS NULL THEN NEW.status := 'new'; END IF;\n"
                    + "  RETURN NEW;\nEND\n$$";
            case 7 -> "ALTER TABLE " + t + " ALTER COLUMN " + n + " SET NOT NULL";
            case 8 -> "INSERT INTO settings (key, value) VALUES ('" + n + "', '{\"enabled\": true}'::jsonb) "
                    + "ON CONFLICT (key) DO NOTHING";
            default -> "CREATE TYPE " + n + "_state AS ENUM ('new', 'active', 'done')";
        };
    }

    private static String createTable(Random random, String name) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name)
                .append(" (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
        String[] types = {"text NOT NULL", "varchar(200)", "integer DEFAULT 0", "timestamptz NOT NULL DEFAULT now()",
            "numeric(12, 2)", "jsonb DEFAULT '{}'::jsonb", "boolean NOT NULL DEFAULT false", "bigint REFERENCES users (id)"};
        int columns = 5 + random.nextInt(8);
        for (int i = 0; i < columns; i++) {
            sb.append(",\n  col_").append(i).append(' ').append(types[random.nextInt(types.length)]);
        }
        return sb.append(",\n  CONSTRAINT ").append(name).append("_chk CHECK (col_0 IS NOT NULL)\n)").toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
