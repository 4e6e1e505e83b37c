package io.dbopt.index.analysis;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.IndexErrorCode;
import io.dbopt.index.Workload;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a workload from the server's statement statistics: {@code pg_stat_statements} for the current database, or
 * MariaDB's {@code performance_schema.events_statements_summary_by_digest} for the analysed schema. Statements on
 * the catalogs, EXPLAINs and DDL (including dbopt's own) are left out.
  *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 */
public final class StatementStatistics {

    private static final Pattern DML = Pattern.compile("(?is)^\\s*(select|with|update|delete|insert)\\b.*");
    private static final Pattern OWN_OR_CATALOG = Pattern.compile(
            "(?i)(pg_catalog|information_schema|performance_schema|pg_stat|pg_class|pg_index|hypopg|dbopt_whatif"
                    + "|dbopt_trial|\\bmysql\\s*\\.|`mysql`|\\bexplain\\b)");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatementStatistics.class);

    private StatementStatistics() {
    }

    public static Workload read(Connection connection, Dialect dialect, String schema, double minShare, int limit) {
        String resource = dialect instanceof PostgresDialect && !dialect.version().isAtLeast(13, 0)
                ? "workload-12" : "workload";
        Object[] params = dialect instanceof PostgresDialect ? new Object[] {minShare, limit}
                : new Object[] {schema, minShare, limit};
        Workload.Builder workload = Workload.builder();
        try {
            String query = SqlResource.load("index", dialect, resource);
            if (dialect instanceof PostgresDialect) {
                query = inExtensionSchema(connection, query);
            }
            Jdbc.query(connection, query, rs -> {
                String sql = rs.getString("query");
                long calls = rs.getLong("calls");
                double ms = rs.getDouble("total_ms");
                if (sql != null && calls > 0 && DML.matcher(sql).matches() && !OWN_OR_CATALOG.matcher(sql).find()) {
                    workload.add(sql, calls, Duration.ofNanos((long) (ms * 1_000_000)));
                }
                return null;
            }, params);
        } catch (SQLException e) {
            ErrorKind kind = SqlErrors.classify(e);
            String advice = dialect instanceof PostgresDialect
                    ? "load pg_stat_statements (shared_preload_libraries) and run CREATE EXTENSION pg_stat_statements"
                    + " in this database, or pass the workload yourself"
                    : "enable performance_schema (performance_schema=ON) or pass the workload yourself";
            throw new DbOptException(IndexErrorCode.WORKLOAD_UNAVAILABLE, "Cannot read statement statistics ("
                    + kind.name().toLowerCase(Locale.ROOT) + "): " + advice, e);
        }
        Workload result = workload.build();
        if (!(dialect instanceof PostgresDialect)) {
            checkDigests(connection, dialect, result);
        }
        return result;
    }

    /**
     * The query with {@code pg_stat_statements} qualified by the schema the extension was installed in, which need
     * not be on the search path ({@code regnamespace::text} is quoted by the server); unchanged when not installed.
     */
    private static String inExtensionSchema(Connection connection, String sql) throws SQLException {
        java.util.Optional<String> schema = Jdbc.queryFirst(connection, "SELECT extnamespace::regnamespace::text "
                + "FROM pg_catalog.pg_extension WHERE extname = 'pg_stat_statements'", rs -> rs.getString(1));
        return schema.map(s -> sql.replaceAll("\\bFROM\\s+pg_stat_statements\\b",
                "FROM " + java.util.regex.Matcher.quoteReplacement(s) + ".pg_stat_statements")).orElse(sql);
    }

    /**
     * MariaDB keeps digests in a table of fixed size; once it is full new statements are only counted as lost. An
     * empty workload then means "not recorded", not "nothing ran", and is reported as such.
     */
    private static void checkDigests(Connection connection, Dialect dialect, Workload result) {
        long[] health;
        try {
            health = Jdbc.queryFirst(connection, SqlResource.load("index", dialect, "workload-health"),
                    rs -> new long[] {rs.getLong("enabled"), rs.getLong("digests_lost")}).orElse(new long[] {1, 0});
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("checking performance_schema digests", e);
        }
        if (health[0] == 0) {
            throw new DbOptException(IndexErrorCode.WORKLOAD_UNAVAILABLE, "performance_schema is OFF, so MariaDB "
                    + "records no statement digests: start the server with performance_schema=ON or pass the "
                    + "workload yourself");
        }
        if (health[1] > 0 && result.isEmpty()) {
            throw new DbOptException(IndexErrorCode.WORKLOAD_UNAVAILABLE, "The statement digest table is full ("
                    + health[1] + " digests lost): TRUNCATE performance_schema.events_statements_summary_by_digest "
                    + "or raise performance_schema_digests_size, let the application run, then capture again");
        }
        if (health[1] > 0) {
            LOG.warn("index - the statement digest table is full ({} digests lost): the workload may miss "
                    + "statements", health[1]);
        }
    }
}
