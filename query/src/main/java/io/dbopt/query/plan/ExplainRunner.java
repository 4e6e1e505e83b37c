package io.dbopt.query.plan;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.query.sql.SqlAnalyzer;
import io.dbopt.query.sql.SqlFacts;
import io.dbopt.query.sql.StatementKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs EXPLAIN on one connection, always inside a transaction that is rolled back and under a statement timeout.
 * ANALYZE runs only for reads (in a read-only transaction), or for writes when the caller allowed it (on MariaDB only
 * when every table written is InnoDB). Without parameter values, PostgreSQL gives a generic plan (a prepared
 * statement with {@code plan_cache_mode = force_generic_plan}).
 * The connection's auto-commit mode is restored. Stateless.
 */
final class ExplainRunner {

    private static final AtomicLong PREPARED_NAMES = new AtomicLong();

    /**
     * The raw result of one EXPLAIN.
     *
     * @param json the plan as the server printed it
     * @param analyzed whether it ran with ANALYZE
     * @param generic whether it was planned without values
     */
    record Raw(String json, boolean analyzed, boolean generic) {
    }

    private ExplainRunner() {
    }

    static Raw run(Connection c, Dialect dialect, SqlFacts facts, String sql, List<?> params, ExplainOptions options,
                   Duration timeout) throws SQLException {
        if (!(facts.kind() == StatementKind.SELECT || facts.kind().isDataChange())) {
            throw new DbOptException(QueryErrorCode.INVALID_STATEMENT, "EXPLAIN works for SELECT, INSERT, UPDATE, "
                    + "DELETE and MERGE, not for " + facts.kind() + " statements: " + facts.fingerprint());
        }
        boolean read = facts.kind() == StatementKind.SELECT && !facts.isWrite() && !locks(facts);
        boolean analyze = options.analyze() && params != null && (read || options.allowWrites());
        if (analyze && !read && dialect instanceof io.dbopt.core.MariaDbDialect) {
            requireTransactionalTables(c, dialect, facts, timeout);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        SQLException failure = null;
        try {
            if (read && analyze) {
                Jdbc.execute(c, "SET TRANSACTION READ ONLY");
            }
            if (dialect instanceof PostgresDialect) {
                Jdbc.execute(c, "SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                return params == null ? postgresGeneric(c, sql)
                        : new Raw(postgres(c, sql, params, analyze, options.buffers()), analyze, false);
            }
            if (params == null) {
                throw new DbOptException(QueryErrorCode.EXPLAIN_FAILED, "MariaDB cannot plan a statement without "
                        + "parameter values: pass the values, or profile the application so that samples exist");
            }
            return new Raw(mariaDb(c, sql, params, analyze, timeout), analyze, false);
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            restore(c, autoCommit, failure);
        }
    }

    private static boolean locks(SqlFacts facts) {
        String f = facts.fingerprint();
        return f.contains(" for update") || f.contains(" for share") || f.contains(" for no key update")
                || f.contains(" for key share") || f.contains("lock in share mode");
    }

    private static void restore(Connection c, boolean autoCommit, SQLException failure) throws SQLException {
        try {
            c.rollback();
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private static String postgres(Connection c, String sql, List<?> params, boolean analyze, boolean buffers)
            throws SQLException {
        String explain = "EXPLAIN (FORMAT JSON" + (analyze ? ", ANALYZE" + (buffers ? ", BUFFERS" : "") : "") + ") ";
        try (PreparedStatement ps = c.prepareStatement(explain + sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return single(rs);
            }
        }
    }

    private static Raw postgresGeneric(Connection c, String sql) throws SQLException {
        SqlAnalyzer.NumberedParameters numbered = SqlAnalyzer.postgres().numberParameters(sql);
        try (Statement st = c.createStatement()) {
            if (numbered.parameters() == 0) {
                try (ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) " + numbered.sql())) {
                    return new Raw(single(rs), false, false);
                }
            }
            // A prepared statement forced to its generic plan; NULLs only fill the parameter slots. (16's
            // EXPLAIN (GENERIC_PLAN) cannot be sent through pgjdbc's extended protocol: it would count $1 as a
            // parameter of the EXPLAIN itself and refuse to bind none.)
            String name = "dbopt_plan_" + PREPARED_NAMES.incrementAndGet();
            st.execute("PREPARE " + name + " AS " + numbered.sql());
            try {
                st.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                String nulls = String.join(", ", java.util.Collections.nCopies(numbered.parameters(), "NULL"));
                try (ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE " + name + "(" + nulls + ")")) {
                    return new Raw(single(rs), false, true);
                }
            } finally {
                st.execute("DEALLOCATE " + name);
            }
        }
    }

    private static String mariaDb(Connection c, String sql, List<?> params, boolean analyze, Duration timeout)
            throws SQLException {
        String seconds = String.format(Locale.ROOT, "%.3f", Math.max(0.001, timeout.toMillis() / 1000.0));
        String explain = "SET STATEMENT max_statement_time=" + seconds + " FOR "
                + (analyze ? "ANALYZE FORMAT=JSON " : "EXPLAIN FORMAT=JSON ");
        try (PreparedStatement ps = c.prepareStatement(explain + sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return single(rs);
            }
        }
    }

    private static void requireTransactionalTables(Connection c, Dialect dialect, SqlFacts facts, Duration timeout)
            throws SQLException {
        if (facts.writesUnknownTables()) {
            throw new DbOptException(QueryErrorCode.UNSAFE_ANALYZE, "Cannot tell which tables " + facts.fingerprint()
                    + " writes, so ANALYZE could change data a rollback cannot undo: explain it without ANALYZE");
        }
        Map<String, String> engines = new HashMap<>();
        Jdbc.query(c, timeout, SqlResource.load("query", dialect, "table-engines"), rs -> {
            engines.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            return null;
        });
        for (String table : facts.tablesWritten()) {
            String engine = engines.getOrDefault(table, "");
            if (!engine.equalsIgnoreCase("InnoDB")) {
                throw new DbOptException(QueryErrorCode.UNSAFE_ANALYZE, "Table " + table + " uses the "
                        + (engine.isEmpty() ? "unknown" : engine) + " engine, whose changes a rollback cannot "
                        + "undo: explain this write without ANALYZE");
            }
        }
    }

    private static String single(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new DbOptException(QueryErrorCode.PLAN_UNREADABLE, "EXPLAIN returned no rows");
        }
        String json = rs.getString(1);
        if (json == null || json.isBlank()) {
            throw new DbOptException(QueryErrorCode.PLAN_UNREADABLE, "EXPLAIN returned an empty plan");
        }
        return json;
    }
}
