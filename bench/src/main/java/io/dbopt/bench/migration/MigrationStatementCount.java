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
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Counts what plain Flyway and dbopt's {@code MigrationFramework} (rollback support on) send per migration: one set of
 * N migrations of 3 statements (as {@link MigrationBenchmark}'s growth case) into an empty database, through a
 * {@link DataSource} that counts the {@code execute*} calls of every statement, the commits and the connections
 * borrowed. It also follows each connection's transactions (autocommitted statements, {@code commit()}, MariaDB's
 * implicit commit around DDL) and counts the durable commits: transactions that wrote data or schema, each of which
 * waits for a log flush (PostgreSQL WAL, InnoDB redo) with the servers' default settings; each call is attributed to
 * dbopt's or Flyway's code by the first of their frames on the stack. Unlike times, the counts do not depend on the
 * machine's load. It prints the time spent waiting in JDBC calls (load-dependent) and server counters read before and
 * after the run: PostgreSQL's {@code xact_commit} of the test database (exact) and {@code pg_stat_wal} (whole
 * cluster), MariaDB's global {@code Com_commit}, {@code Handler_commit} and fsync counters (other sessions add to
 * them). With {@code --sql} it also prints every statement text (first 90 characters) with its count and its wait,
 * and the server-side time per statement: PostgreSQL's {@code pg_stat_statements}; on MariaDB each session's own
 * {@code SHOW PROFILES} (profiling switched on for every connection the run borrows, read every 50 statements and
 * before the connection closes: the digest table of {@code performance_schema} is shared by the server's other
 * users and can be full), with the temporary tables (on disk: Aria tables, files in the server's tmpdir) and sorted
 * rows of each session's status; with
 * {@code -Dcount.trace=true} every call in order.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationStatementCount mariadb 20
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationStatementCount postgresql 20 --sql
 * java -Dcount.plan=true -cp bench/target/benchmarks.jar io.dbopt.bench.migration.MigrationStatementCount postgresql 100 --sql --alter
 * </pre>
 */
public final class MigrationStatementCount {

    private static final boolean TRACE = Boolean.getBoolean("count.trace");
    /** {@code -Dcount.plan=true}: every session the run opens tracks its planning in pg_stat_statements. */
    private static final boolean TRACK_PLANNING = Boolean.getBoolean("count.plan");
    /** {@code -Dcount.sessionLock=true}: plain Flyway takes PostgreSQL's session-level lock, as dbopt configures it. */
    private static final boolean SESSION_LOCK = Boolean.getBoolean("count.sessionLock");
    /** {@code -Dcount.noDdlFlush=true}: pgjdbc's {@code flushCacheOnDdl} off on every connection (experiment). */
    private static final boolean NO_DDL_FLUSH = Boolean.getBoolean("count.noDdlFlush");
    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, Long> nanosBy = new TreeMap<>();
    /** MariaDB with {@code --sql}: server time and calls by statement text (its first 90 characters), and status. */
    private final Map<String, long[]> serverBy = new TreeMap<>();
    private final Map<String, Long> sessionStatus = new TreeMap<>();
    private final boolean texts;
    private final boolean pg;

    private MigrationStatementCount(boolean texts, boolean pg) {
        this.texts = texts;
        this.pg = pg;
    }

    /**
     * Runs the count; arguments: dialect ({@code postgresql} or {@code mariadb}), N, optionally {@code --sql} and
     * {@code --alter} (the benchmark's altering case: one migration creating 10 tables, then N altering them).
     */
    public static void main(String[] args) throws Exception {
        TestDialect dialect = TestDialect.valueOf(args[0].toUpperCase(Locale.ROOT));
        int given = Integer.parseInt(args[1]);
        boolean texts = Arrays.asList(args).contains("--sql");
        boolean alter = Arrays.asList(args).contains("--alter");
        boolean pg = dialect == TestDialect.POSTGRESQL;
        Path scripts = alter ? MigrationBenchmark.writeAlteringScripts(dialect, "s", given).resolve("s")
                : Files.createTempDirectory("dbopt-bench-count-");
        int n = alter ? given + 1 : given; // altering: the first migration creates the tables the others alter
        for (int v = 1; v <= (alter ? 0 : n); v++) {
            String t = "t" + v;
            Files.writeString(scripts.resolve("V" + v + "__" + t + ".sql"), "CREATE TABLE " + t
                    + " (id bigint PRIMARY KEY, name varchar(50) NOT NULL, created_at "
                    + (pg ? "timestamptz NOT NULL DEFAULT now()" : "timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP")
                    + ");\nCREATE INDEX " + t + "_name_idx ON " + t + " (name);\nALTER TABLE " + t
                    + " ADD COLUMN note varchar(100);\n");
        }
        for (String who : new String[] {"flyway", "dbopt"}) {
            MigrationStatementCount count = new MigrationStatementCount(texts, pg);
            long wall;
            long cpu;
            long allocated;
            Map<String, Long> server;
            try (TestDatabase db = TestDatabases.create(dialect, "count " + who)) {
                DataSource ds = count.wrap(db.dataSource(), DataSource.class, null, null);
                Map<String, Long> server0 = serverCounters(db);
                com.sun.management.ThreadMXBean threads =
                        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long alloc0 = threads.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                if (who.equals("flyway")) {
                    org.flywaydb.core.api.configuration.FluentConfiguration plain = Flyway.configure().dataSource(ds)
                            .locations("filesystem:" + scripts).table("flyway_schema_history_s")
                            .baselineOnMigrate(true).baselineVersion("0");
                    if (SESSION_LOCK && pg) { // the session-level lock dbopt configures, for plain Flyway too
                        plain.getConfigurationExtension(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension
                                .class).setTransactionalLock(false);
                    }
                    plain.load().migrate();
                } else {
                    MigrationFramework.configure().dataSource(ds)
                            .set(MigrationSet.builder("s").location("filesystem:" + scripts).build()).load().migrate();
                }
                wall = System.nanoTime() - t0;
                cpu = threads.getCurrentThreadCpuTime() - cpu0;
                allocated = threads.getCurrentThreadAllocatedBytes() - alloc0;
                Thread.sleep(1500); // closed sessions flush their statistics on exit
                server = serverCounters(db);
                if (texts && pg) {
                    serverTimes(db, n);
                }
                server.replaceAll((k, v) -> v - server0.getOrDefault(k, 0L));
            }
            System.out.printf(Locale.ROOT, "%s %s, %d migrations:%n", who, dialect.id(), n);
            count.counts.forEach((what, c) -> System.out.printf(Locale.ROOT, "  %6d  %6.1f per migration  %s%n", c,
                    c / (double) n, what));
            System.out.printf(Locale.ROOT, "  wall time of the migrate call: %.2f ms per migration%n", wall / 1e6 / n);
            System.out.printf(Locale.ROOT, "  CPU time of the migrating thread: %.2f ms per migration, allocated %.0f KB "
                    + "per migration%n", cpu / 1e6 / n, allocated / 1024.0 / n);
            count.nanosBy.forEach((what, ns) -> System.out.printf(Locale.ROOT,
                    "  %8.2f ms per migration waiting in %s%n", ns / 1e6 / n, what));
            server.forEach((what, c) -> System.out.printf(Locale.ROOT, "  %6d  %6.1f per migration  server: %s%n", c,
                    c / (double) n, what));
            count.printProfiles(n);
        }
    }

    /**
     * Server counters read before and after each run: on PostgreSQL the test database's committed transactions
     * (exact: only this run's sessions use it) and the cluster's WAL syncs; on MariaDB the server-wide commits and
     * redo log fsyncs (other sessions on the server add to these).
     */
    private static Map<String, Long> serverCounters(TestDatabase db) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", db.server().user());
        props.setProperty("password", db.server().password());
        try (Connection c = java.sql.DriverManager.getConnection(db.server().jdbcUrl(db.server().adminDatabase()), props);
             Statement st = c.createStatement()) {
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = '"
                        + db.name().replace("'", "''") + "'")) {
                    out.put("xact_commit of the test database (pg_stat_database)", rs.next() ? rs.getLong(1) : 0);
                }
                try (java.sql.ResultSet rs = st.executeQuery("SELECT wal_sync, wal_write, wal_records FROM pg_stat_wal")) {
                    rs.next();
                    out.put("wal_sync, whole cluster (pg_stat_wal)", rs.getLong(1));
                    out.put("wal_write, whole cluster (pg_stat_wal)", rs.getLong(2));
                }
            } else {
                try (java.sql.ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
                        + "('Com_commit', 'Handler_commit', 'Innodb_os_log_fsyncs', 'Innodb_data_fsyncs')")) {
                    while (rs.next()) {
                        out.put(rs.getString(1) + ", whole server", rs.getLong(2));
                    }
                }
            }
        }
        return out;
    }

    /** PostgreSQL: the server-side execution time of the test database's statements (pg_stat_statements). */
    private static void serverTimes(TestDatabase db, int n) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", db.server().user());
        props.setProperty("password", db.server().password());
        try (Connection c = java.sql.DriverManager.getConnection(db.server().jdbcUrl(db.server().adminDatabase()), props);
             PreparedStatement ps = c.prepareStatement("SELECT calls, total_exec_time, total_plan_time, "
                     + "wal_bytes, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) FROM pg_stat_statements s "
                     + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ? ORDER BY total_exec_time DESC "
                     + "LIMIT 25")) {
            ps.setString(1, db.name());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "  server %5d calls, exec %7.3f ms per migration, plan %7.3f, "
                            + "wal %7d bytes per migration: %s%n", rs.getLong(1), rs.getDouble(2) / n,
                            rs.getDouble(3) / n, rs.getLong(4) / n, rs.getString(5));
                }
            }
            try (PreparedStatement ps2 = c.prepareStatement("SELECT calls, plans, total_plan_time, total_exec_time, "
                    + "left(regexp_replace(query, '\\s+', ' ', 'g'), 100) FROM pg_stat_statements s JOIN pg_database d "
                    + "ON d.oid = s.dbid WHERE d.datname = ? AND calls > 1 ORDER BY plans DESC, calls DESC")) {
                ps2.setString(1, db.name());
                try (java.sql.ResultSet rs = ps2.executeQuery()) {
                    while (rs.next()) {
                        System.out.printf(Locale.ROOT, "  server repeated: %5d calls, %5d plans, plan %7.3f ms, exec %7.3f "
                                + "ms per migration: %s%n", rs.getLong(1), rs.getLong(2), rs.getDouble(3) / n,
                                rs.getDouble(4) / n, rs.getString(5));
                    }
                }
            }
            try (PreparedStatement total = c.prepareStatement("SELECT sum(calls), sum(total_exec_time), "
                    + "sum(total_plan_time), sum(plans) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                    + "WHERE d.datname = ?")) {
                total.setString(1, db.name());
                try (java.sql.ResultSet rs = total.executeQuery()) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "  server total: %.1f calls, exec %.3f ms, plan %.3f ms (%.1f plans) "
                            + "per migration%n", rs.getDouble(1) / n, rs.getDouble(2) / n, rs.getDouble(3) / n,
                            rs.getDouble(4) / n);
                }
            }
        }
    }

    /** MariaDB: reads and clears the session's profiles (its statements' server durations). */
    private void readProfiles(Session s) throws java.sql.SQLException {
        try (Statement st = s.profiled.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SHOW PROFILES")) {
                while (rs.next()) {
                    // literals and numbers as ?, so that one statement's runs add up (names with digits too)
                    String flat = rs.getString(3).replaceAll("\\s+", " ").replaceAll("'(?:[^'\\\\]|\\\\.|'')*'", "?")
                            .replaceAll("\\d+", "?").strip();
                    if (!flat.startsWith("SET profiling") && !flat.startsWith("SHOW PROFILES")) {
                        long[] v = serverBy.computeIfAbsent(flat.substring(0, Math.min(90, flat.length())),
                                k -> new long[2]);
                        v[0]++;
                        v[1] += Math.round(rs.getDouble(2) * 1e9);
                    }
                }
            }
            st.execute("SET profiling_history_size = 0");
            st.execute("SET profiling_history_size = 100");
        }
        s.unread = 0;
    }

    /** MariaDB: the session's temporary tables and sorted rows, added up over the run's sessions at their close. */
    private void readStatus(Session s) throws java.sql.SQLException {
        try (Statement st = s.profiled.createStatement(); java.sql.ResultSet rs = st.executeQuery("SHOW SESSION STATUS "
                + "WHERE Variable_name IN ('Created_tmp_disk_tables', 'Created_tmp_tables', 'Sort_rows')")) {
            while (rs.next()) {
                sessionStatus.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        }
    }

    private void printProfiles(int n) {
        if (serverBy.isEmpty()) {
            return;
        }
        long[] total = new long[2];
        serverBy.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(25)
                .forEach(e -> System.out.printf(Locale.ROOT, "  server %5d calls, %7.3f ms per migration: %s%n",
                        e.getValue()[0], e.getValue()[1] / 1e6 / n, e.getKey()));
        serverBy.values().forEach(v -> {
            total[0] += v[0];
            total[1] += v[1];
        });
        System.out.printf(Locale.ROOT, "  server total (SHOW PROFILES): %.1f statements, %.3f ms per migration%n",
                total[0] / (double) n, total[1] / 1e6 / n);
        sessionStatus.forEach((what, c) -> System.out.printf(Locale.ROOT, "  %6d  %6.1f per migration  session "
                + "status (all sessions of the run): %s%n", c, c / (double) n, what));
    }

    private void add(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    /** What one connection has done since its transaction began, to count transactions and durable commits. */
    private static final class Session {
        /** MariaDB with {@code --sql}: the unwrapped connection, profiled, and its statements not yet read. */
        Connection profiled;
        int unread;
        boolean autoCommit;
        int statements;
        boolean wrote;
    }

    /**
     * Whether a statement changes data or schema, so that committing it costs a durable log flush (PostgreSQL WAL
     * flush, InnoDB redo fsync); reads and session settings commit without one.
     */
    static boolean writes(String sql) {
        String s = sql.stripLeading();
        while (s.startsWith("/*") && s.contains("*/")) {
            s = s.substring(s.indexOf("*/") + 2).stripLeading();
        }
        String first = s.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        return switch (first) {
            case "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "REPLACE", "MERGE",
                 "COMMENT", "GRANT", "REVOKE" -> true;
            default -> false;
        };
    }

    /** Whether MariaDB ends the open transaction before and after the statement (DDL commits implicitly). */
    private boolean implicitCommit(String sql) {
        if (pg) {
            return false;
        }
        String first = sql.stripLeading().split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        return switch (first) {
            case "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME" -> true;
            default -> false;
        };
    }

    /** Ends the connection's transaction: one transaction, and a durable commit if it wrote. */
    private void end(Session s, String how) {
        if (s.statements > 0) {
            add("transactions (" + how + ")");
            add("transactions, all");
            if (s.wrote) {
                add("durable commits (transactions that wrote), all");
                add("durable commits by " + who());
            }
        }
        s.statements = 0;
        s.wrote = false;
    }

    /** Who sent the current call: dbopt's migration code (anywhere on the stack) or Flyway alone. */
    private static String who() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(c -> c.startsWith("org.flywaydb.") || c.startsWith("io.dbopt.")
                        && !c.startsWith("io.dbopt.bench.")).findFirst()
                .map(c -> c.startsWith("io.dbopt.") ? "dbopt code" : "Flyway code").orElse("other"));
    }

    private void executed(Session s, String sql) {
        boolean write = sql != null && writes(sql);
        if (sql != null && implicitCommit(sql)) {
            end(s, "implicit commit before DDL");
            s.statements = 1;
            s.wrote = true;
            end(s, "DDL, implicit commit");
            return;
        }
        s.statements++;
        s.wrote |= write;
        if (s.autoCommit) {
            end(s, "autocommit");
        }
    }

    private void time(String what, long nanos) {
        nanosBy.merge(what, nanos, Long::sum);
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Object target, Class<T> type, Session session, String sql) {
        return (T) Proxy.newProxyInstance(MigrationStatementCount.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = method.getName();
                    String text = args != null && args.length > 0 && args[0] instanceof String str ? str : sql;
                    if (name.startsWith("execute")) {
                        add("execute (all statements)");
                        add("execute by " + who());
                    } else if (name.equals("commit")) {
                        add("commit");
                    } else if (name.equals("getConnection") && type == DataSource.class) {
                        add("connections borrowed");
                    }
                    if (texts && args != null && args.length > 0 && args[0] instanceof String q
                            && (name.startsWith("prepare") || name.startsWith("execute"))) {
                        String flat = q.replaceAll("\\s+", " ").strip();
                        add("  " + name + ": " + flat.substring(0, Math.min(90, flat.length())));
                    }
                    if (session != null && session.profiled != null && type == Connection.class) {
                        if (name.equals("close")) {
                            readProfiles(session);
                            readStatus(session);
                        } else if (Set.of("commit", "rollback", "setAutoCommit").contains(name)) {
                            session.unread++; // statements too (COMMIT, SET autocommit), each in the profiles
                        }
                    }
                    Object result;
                    com.sun.management.ThreadMXBean threads =
                        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long alloc0 = threads.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        long spent = System.nanoTime() - t0;
                        if (name.startsWith("execute") || name.equals("commit") || name.equals("rollback")
                                || name.equals("setAutoCommit") || name.equals("getConnection")
                                || name.equals("close") && type == Connection.class) {
                            time((name.startsWith("execute") ? "execute" : name) + " by " + who(), spent);
                            if (texts && name.startsWith("execute") && text != null) {
                                String flat = text.replaceAll("\\s+", " ").strip();
                                time("  " + flat.substring(0, Math.min(90, flat.length())), spent);
                            }
                        }
                    }
                    if (TRACE && (name.startsWith("execute") || name.equals("commit") || name.equals("rollback")
                            || name.equals("setAutoCommit") || name.equals("close") && type == Connection.class
                            || name.equals("getConnection"))) {
                        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
                        System.out.printf(Locale.ROOT, "TRACE %s c%s %s %s %s%n", who(),
                                session == null ? "-" : Integer.toHexString(System.identityHashCode(session)), name,
                                args != null && args.length == 1 && args[0] instanceof Boolean b ? b : "",
                                flat.substring(0, Math.min(110, flat.length())));
                    }
                    if (session != null && type != DataSource.class) {
                        if (name.startsWith("execute") && type != Connection.class) {
                            executed(session, text);
                            if (session.profiled != null && ++session.unread >= 50) {
                                readProfiles(session);
                            }
                        } else if (name.equals("commit")) {
                            end(session, "commit()");
                        } else if (name.equals("rollback") && (args == null || args.length == 0)) {
                            session.statements = 0;
                            session.wrote = false;
                        } else if (name.equals("setAutoCommit")) {
                            boolean on = (Boolean) args[0];
                            if (on && !session.autoCommit) {
                                end(session, "setAutoCommit(true)");
                            }
                            session.autoCommit = on;
                        } else if (name.equals("close") && type == Connection.class && !session.autoCommit) {
                            session.statements = 0; // closing rolls back (pgjdbc, MariaDB Connector/J)
                        }
                    }
                    if (name.equals("unwrap")) {
                        return result; // what the caller asked for, not another counting proxy
                    }
                    if (result instanceof CallableStatement s) {
                        return wrap(s, CallableStatement.class, session, text);
                    } else if (result instanceof PreparedStatement s) {
                        return wrap(s, PreparedStatement.class, session, text);
                    } else if (result instanceof Statement s) {
                        return wrap(s, Statement.class, session, null);
                    } else if (result instanceof Connection c) {
                        if (NO_DDL_FLUSH && pg && type == DataSource.class) { // experiment: pgjdbc's DDL flush off
                            c.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor()
                                    .setFlushCacheOnDdl(false);
                        }
                        if (TRACK_PLANNING && pg && type == DataSource.class) {
                            try (Statement st = c.createStatement()) { // uncounted: the benchmark's session setting
                                st.execute("SET pg_stat_statements.track_planning = on");
                            }
                        }
                        Session fresh = new Session();
                        if (texts && !pg && type == DataSource.class) {
                            try (Statement st = c.createStatement()) { // uncounted: the tool's own session setting
                                st.execute("SET profiling = 1, profiling_history_size = 100");
                            }
                            fresh.profiled = c;
                        }
                        fresh.autoCommit = c.getAutoCommit();
                        return wrap(c, Connection.class, fresh, null);
                    }
                    return result;
                });
    }
}
