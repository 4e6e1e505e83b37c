package io.dbopt.bench.migration;

import io.dbopt.core.Dialect;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.lint.LintResult;
import io.dbopt.migration.lint.MigrationValidator;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.flywaydb.core.Flyway;

/**
 * What dbopt's migration machinery costs next to plain Flyway, side by side in one run, per dialect:
 * <ol>
 *   <li>migrating a plugin layout of 4 sets x 5 migrations (20 migrations, 60 statements) into an empty database:
 *   plain Flyway (one Flyway per set, in dependency order) versus {@code MigrationFramework} with rollback support on
 *   (dependency plan, pre-migration snapshots, generated undo, journal on MariaDB); the ratio is dbopt / Flyway wall
 *   time of the migrate call alone (the throwaway database is created outside the timing), the two alternating
 *   round by round;</li>
 *   <li>growth: one set of N migrations (default 100 and 500) into an empty database, Flyway and dbopt alternating,
 *   as time per migration;</li>
 *   <li>altering: one set of a migration creating 10 tables, then N migrations (default 100) that each add a column
 *   and its index to one of those existing tables — the growth case's migrations all create their tables, which
 *   dbopt on PostgreSQL records as absent without a catalog read; these are the ones it still reads;</li>
 *   <li>linting 2,000 DDL statements: {@code MigrationValidator} versus JSqlParser parsing the same statements
 *   alone; the ratio is lint / parse time.</li>
 * </ol>
 *
 * <pre>
 * mvn -B -q -pl bench package -am -DskipTests   # once
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationBenchmark --short
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationBenchmark --long
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationBenchmark --short --growth 100,500
 * </pre>
 * Short mode repeats each migrate case 3 times (after 1 warm-up), long mode 15 times ({@code --rounds N} sets it);
 * each repetition uses a fresh throwaway database on the servers the testkit finds (DBOPT_TEST_POSTGRES_URL /
 * DBOPT_TEST_MARIADB_URL or local). {@code --growth 0} skips the growth case, {@code --alter 0} the altering case,
 * {@code --only postgresql} one dialect.
 */
public final class MigrationBenchmark {

    private static final String[] SETS = {"core", "projects", "documents", "handoffs"};
    private static final int VERSIONS = 5;
    /** Tables the altering case creates first and then alters in turn. */
    private static final int ALTERED_TABLES = 10;

    private MigrationBenchmark() {
    }

    /** Runs the benchmark; {@code --short} (default) or {@code --long}. */
    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        boolean longMode = arguments.contains("--long");
        int reps = Integer.parseInt(option(arguments, "--rounds", longMode ? "15" : "3"));
        List<Integer> growth = Arrays.stream(option(arguments, "--growth", "100,500").split(","))
                .map(String::trim).map(Integer::parseInt).filter(n -> n > 0).toList();
        int alter = Integer.parseInt(option(arguments, "--alter", "100"));
        String only = option(arguments, "--only", "");
        System.out.printf(Locale.ROOT, "dbopt migration benchmark (%s mode, %d rounds)%n",
                longMode ? "long" : "short", reps);
        for (TestDialect dialect : TestDialect.values()) {
            if (!only.isEmpty() && !dialect.id().equals(only)) {
                continue;
            }
            Path scripts = writeScripts(dialect, SETS, VERSIONS);
            double[][] ms = alternate(reps, true, () -> plainFlyway(dialect, scripts, SETS),
                    () -> framework(dialect, scripts, SETS));
            report(dialect.id() + " migrate 4 sets x 5", ms);
            for (int n : growth) {
                String[] one = {"growth"};
                Path many = writeScripts(dialect, one, n);
                double[][] g = alternate(reps, false, () -> plainFlyway(dialect, many, one),
                        () -> framework(dialect, many, one));
                report(dialect.id() + " one set of " + n, g);
                System.out.printf(Locale.ROOT, "%-10s   per migration at %d: flyway %.2f ms, dbopt %.2f ms%n",
                        dialect.id(), n, median(g[0]) / n, median(g[1]) / n);
            }
            if (alter > 0) {
                String[] one = {"altering"};
                Path altering = writeAlteringScripts(dialect, one[0], alter);
                double[][] a = alternate(reps, false, () -> plainFlyway(dialect, altering, one),
                        () -> framework(dialect, altering, one));
                report(dialect.id() + " " + alter + " altering " + ALTERED_TABLES + " tables", a);
                System.out.printf(Locale.ROOT, "%-10s   per migration altering existing tables: flyway %.2f ms, "
                        + "dbopt %.2f ms%n", dialect.id(), median(a[0]) / (alter + 1), median(a[1]) / (alter + 1));
            }
        }
        lint(longMode ? 10 : 3);
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    private static void report(String what, double[][] ms) {
        double[] ratios = new double[ms[0].length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = ms[1][i] / ms[0][i];
        }
        System.out.printf(Locale.ROOT, "%-36s flyway %8.1f ms, dbopt %8.1f ms, ratio of medians %.2f "
                + "(rounds: %s)%n", what, median(ms[0]), median(ms[1]), median(ms[1]) / median(ms[0]),
                Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray()));
    }

    /** A case that creates its database untimed and returns the time of the migration alone, in ms. */
    private interface Timed {
        double run();
    }

    /** Optionally one warm-up each, then {@code reps} rounds of Flyway then dbopt; [0] Flyway's times, [1] dbopt's. */
    private static double[][] alternate(int reps, boolean warmUp, Timed flyway, Timed dbopt) {
        if (warmUp) {
            flyway.run();
            dbopt.run();
        }
        double[][] ms = new double[2][reps];
        for (int i = 0; i < reps; i++) {
            ms[0][i] = flyway.run();
            ms[1][i] = dbopt.run();
        }
        return ms;
    }

    private static void lint(int reps) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            script.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY, name text NOT NULL, at timestamptz);\n")
                    .append("CREATE INDEX t").append(i).append("_name_idx ON t").append(i).append(" (name);\n")
                    .append("ALTER TABLE t").append(i).append(" ADD COLUMN note varchar(20);\n")
                    .append("ALTER TABLE t").append(i).append(" ADD CONSTRAINT t").append(i)
                    .append("_fk FOREIGN KEY (id) REFERENCES t0 (id) NOT VALID;\n");
        }
        String text = script.toString();
        List<String> statements = Arrays.stream(text.split(";\n")).map(s -> s.replace(" NOT VALID", "")).toList();
        Dialect pg = Dialect.of(io.dbopt.core.DatabaseProduct.POSTGRESQL, io.dbopt.core.ServerVersion.of(15, 0, 0));
        MigrationValidator validator = MigrationValidator.builder(pg).build();
        double parse = median(time(reps, () -> {
            for (String s : statements) {
                try {
                    CCJSqlParserUtil.newParser(s).Statement();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }));
        LintResult[] last = new LintResult[1];
        double lint = median(time(reps, () -> last[0] = validator.lint("V1__bench.sql", text)));
        System.out.printf(Locale.ROOT, "lint 2000 statements: jsqlparser parse %7.1f ms, dbopt lint %7.1f ms "
                + "(%d findings), ratio lint/parse %.2f%n", parse, lint, last[0].findings().size(), lint / parse);
    }

    private static double[] time(int reps, Runnable task) {
        task.run(); // warm-up
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double plainFlyway(TestDialect dialect, Path scripts, String[] sets) {
        try (TestDatabase db = TestDatabases.create(dialect, "bench flyway")) {
            long t0 = System.nanoTime();
            for (String set : sets) {
                Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + scripts.resolve(set))
                        .table("flyway_schema_history_" + set).baselineOnMigrate(true).baselineVersion("0")
                        .load().migrate();
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double framework(TestDialect dialect, Path scripts, String[] sets) {
        try (TestDatabase db = TestDatabases.create(dialect, "bench dbopt")) {
            long t0 = System.nanoTime();
            MigrationFramework.Builder b = MigrationFramework.configure().dataSource(db.dataSource());
            String previous = null;
            for (String set : sets) {
                MigrationSet.Builder s = MigrationSet.builder(set).location("filesystem:" + scripts.resolve(set));
                if (previous != null) {
                    s.requires(previous, "1");
                }
                b.set(s.build());
                previous = set;
            }
            b.load().migrate();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /**
     * Writes one set into a temporary directory: a first migration creating {@link #ALTERED_TABLES} tables, then
     * {@code count} migrations that each add a column and its index to one of those existing tables in turn — the
     * migrations of an application whose schema exists, where dbopt reads the altered table's state before each.
     */
    static Path writeAlteringScripts(TestDialect dialect, String set, int count) throws IOException {
        Path root = Files.createTempDirectory("dbopt-bench-migration-");
        Path dir = Files.createDirectories(root.resolve(set));
        boolean pg = dialect == TestDialect.POSTGRESQL;
        StringBuilder first = new StringBuilder();
        for (int t = 0; t < ALTERED_TABLES; t++) {
            first.append("CREATE TABLE ").append(set).append("_t").append(t)
                    .append(" (id bigint PRIMARY KEY, name varchar(50) NOT NULL, created_at ")
                    .append(pg ? "timestamptz NOT NULL DEFAULT now()" : "timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP")
                    .append(");\n");
        }
        Files.writeString(dir.resolve("V1__" + set + "_tables.sql"), first.toString());
        for (int v = 2; v <= count + 1; v++) {
            String table = set + "_t" + (v % ALTERED_TABLES);
            String column = "c" + v;
            Files.writeString(dir.resolve("V" + v + "__" + table + "_" + column + ".sql"),
                    "ALTER TABLE " + table + " ADD COLUMN " + column + " varchar(20);\n"
                            + "CREATE INDEX " + table + "_" + column + "_idx ON " + table + " (" + column + ");\n");
        }
        return root;
    }

    /** Writes {@code sets} x {@code versions} migrations of 3 statements each for a dialect into a temporary directory. */
    private static Path writeScripts(TestDialect dialect, String[] sets, int versions) throws IOException {
        Path root = Files.createTempDirectory("dbopt-bench-migration-");
        boolean pg = dialect == TestDialect.POSTGRESQL;
        for (String set : sets) {
            Path dir = Files.createDirectories(root.resolve(set));
            for (int v = 1; v <= versions; v++) {
                String table = set + "_t" + v;
                String sql = "CREATE TABLE " + table + " (id bigint PRIMARY KEY, name varchar(50) NOT NULL, created_at "
                        + (pg ? "timestamptz NOT NULL DEFAULT now()" : "timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP")
                        + ");\nCREATE INDEX " + table + "_name_idx ON " + table + " (name);\n"
                        + "ALTER TABLE " + table + " ADD COLUMN note varchar(100);\n";
                Path file = dir.resolve("V" + v + "__" + table + ".sql");
                try {
                    Files.writeString(file, sql);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return root;
    }
}
