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
 *   plain Flyway (one Flyway per set, in dependency order) versus {@code MigrationFramework} (dependency plan,
 *   pre-migration snapshots, generated undo, journal on MariaDB); the ratio is dbopt / Flyway wall time;</li>
 *   <li>linting 2,000 DDL statements: {@code MigrationValidator} versus JSqlParser parsing the same statements
 *   alone; the ratio is lint / parse time.</li>
 * </ol>
 *
 * <pre>
 * mvn -B -q -pl bench package -am -DskipTests   # once
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationBenchmark --short
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationBenchmark --long
 * </pre>
 * Short mode repeats each migrate case 3 times (after 1 warm-up), long mode 15 times; each repetition uses a fresh
 * throwaway database on the servers the testkit finds (DBOPT_TEST_POSTGRES_URL / DBOPT_TEST_MARIADB_URL or local).
 */
public final class MigrationBenchmark {

    private static final String[] SETS = {"core", "projects", "documents", "handoffs"};
    private static final int VERSIONS = 5;

    private MigrationBenchmark() {
    }

    /** Runs the benchmark; {@code --short} (default) or {@code --long}. */
    public static void main(String[] args) throws Exception {
        boolean longMode = Arrays.asList(args).contains("--long");
        int reps = longMode ? 15 : 3;
        System.out.printf(Locale.ROOT, "dbopt migration benchmark (%s mode, %d repetitions)%n",
                longMode ? "long" : "short", reps);
        for (TestDialect dialect : TestDialect.values()) {
            Path scripts = writeScripts(dialect);
            double flyway = median(time(reps, () -> plainFlyway(dialect, scripts)));
            double dbopt = median(time(reps, () -> framework(dialect, scripts)));
            System.out.printf(Locale.ROOT, "%-10s migrate 20 migrations: flyway %8.1f ms, dbopt %8.1f ms, "
                    + "ratio dbopt/flyway %.2f%n", dialect.id(), flyway, dbopt, dbopt / flyway);
        }
        lint(longMode ? 10 : 3);
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

    private static void plainFlyway(TestDialect dialect, Path scripts) {
        try (TestDatabase db = TestDatabases.create(dialect, "bench flyway")) {
            for (String set : SETS) {
                Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + scripts.resolve(set))
                        .table("flyway_schema_history_" + set).baselineOnMigrate(true).baselineVersion("0")
                        .load().migrate();
            }
        }
    }

    private static void framework(TestDialect dialect, Path scripts) {
        try (TestDatabase db = TestDatabases.create(dialect, "bench dbopt")) {
            MigrationFramework.Builder b = MigrationFramework.configure().dataSource(db.dataSource());
            String previous = null;
            for (String set : SETS) {
                MigrationSet.Builder s = MigrationSet.builder(set).location("filesystem:" + scripts.resolve(set));
                if (previous != null) {
                    s.requires(previous, "1");
                }
                b.set(s.build());
                previous = set;
            }
            b.load().migrate();
        }
    }

    /** Writes 4 sets x 5 migrations of 3 statements each for a dialect into a temporary directory. */
    private static Path writeScripts(TestDialect dialect) throws IOException {
        Path root = Files.createTempDirectory("dbopt-bench-migration-");
        boolean pg = dialect == TestDialect.POSTGRESQL;
        for (String set : SETS) {
            Path dir = Files.createDirectories(root.resolve(set));
            for (int v = 1; v <= VERSIONS; v++) {
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
