package io.dbopt.bench.migration;

import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.MigrationSet;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Counts what plain Flyway and dbopt's {@code MigrationFramework} (rollback support on) send per migration: one set of
 * N migrations of 3 statements (as {@link MigrationBenchmark}'s growth case) into an empty database, through a
 * {@link DataSource} that counts the {@code execute*} calls of every statement, the commits and the connections
 * borrowed. Unlike times, the counts do not depend on the machine's load. With {@code --sql} it also prints every
 * statement text (first 90 characters) with its count.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationStatementCount mariadb 20
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationStatementCount postgresql 20 --sql
 * </pre>
 */
public final class MigrationStatementCount {

    private final Map<String, Long> counts = new TreeMap<>();
    private final boolean texts;

    private MigrationStatementCount(boolean texts) {
        this.texts = texts;
    }

    /** Runs the count; arguments: dialect ({@code postgresql} or {@code mariadb}), N, optionally {@code --sql}. */
    public static void main(String[] args) throws Exception {
        TestDialect dialect = TestDialect.valueOf(args[0].toUpperCase(Locale.ROOT));
        int n = Integer.parseInt(args[1]);
        boolean texts = args.length > 2 && args[2].equals("--sql");
        Path scripts = Files.createTempDirectory("dbopt-bench-count-");
        boolean pg = dialect == TestDialect.POSTGRESQL;
        for (int v = 1; v <= n; v++) {
            String t = "t" + v;
            Files.writeString(scripts.resolve("V" + v + "__" + t + ".sql"), "CREATE TABLE " + t
                    + " (id bigint PRIMARY KEY, name varchar(50) NOT NULL, created_at "
                    + (pg ? "timestamptz NOT NULL DEFAULT now()" : "timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP")
                    + ");\nCREATE INDEX " + t + "_name_idx ON " + t + " (name);\nALTER TABLE " + t
                    + " ADD COLUMN note varchar(100);\n");
        }
        for (String who : new String[] {"flyway", "dbopt"}) {
            MigrationStatementCount count = new MigrationStatementCount(texts);
            try (TestDatabase db = TestDatabases.create(dialect, "count " + who)) {
                DataSource ds = count.wrap(db.dataSource(), DataSource.class);
                if (who.equals("flyway")) {
                    Flyway.configure().dataSource(ds).locations("filesystem:" + scripts).table("flyway_schema_history_s")
                            .baselineOnMigrate(true).baselineVersion("0").load().migrate();
                } else {
                    MigrationFramework.configure().dataSource(ds)
                            .set(MigrationSet.builder("s").location("filesystem:" + scripts).build()).load().migrate();
                }
            }
            System.out.printf(Locale.ROOT, "%s %s, %d migrations:%n", who, dialect.id(), n);
            count.counts.forEach((what, c) -> System.out.printf(Locale.ROOT, "  %6d  %6.1f per migration  %s%n", c,
                    c / (double) n, what));
        }
    }

    private void add(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Object target, Class<T> type) {
        return (T) Proxy.newProxyInstance(MigrationStatementCount.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("execute")) {
                        add("execute (all statements)");
                    } else if (name.equals("commit")) {
                        add("commit");
                    } else if (name.equals("getConnection") && type == DataSource.class) {
                        add("connections borrowed");
                    }
                    if (texts && args != null && args.length > 0 && args[0] instanceof String sql
                            && (name.startsWith("prepare") || name.startsWith("execute"))) {
                        String flat = sql.replaceAll("\\s+", " ").strip();
                        add("  " + name + ": " + flat.substring(0, Math.min(90, flat.length())));
                    }
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof CallableStatement s) {
                        return wrap(s, CallableStatement.class);
                    } else if (result instanceof PreparedStatement s) {
                        return wrap(s, PreparedStatement.class);
                    } else if (result instanceof Statement s) {
                        return wrap(s, Statement.class);
                    } else if (result instanceof Connection c) {
                        return wrap(c, Connection.class);
                    }
                    return result;
                });
    }
}
