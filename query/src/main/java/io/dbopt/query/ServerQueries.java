package io.dbopt.query;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.Redaction;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.query.sql.SqlAnalyzer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the server's own statement statistics: {@code pg_stat_statements} on PostgreSQL (12+), statement digests
 * of {@code performance_schema} on MariaDB, for the current database. When they are not collected it says what to
 * change rather than failing. Immutable and thread-safe; each call borrows one connection.
 *
 * <pre>{@code
 * ServerStatistics top = ServerQueries.create(dataSource).top(10);
 * }</pre>
 */
public final class ServerQueries {

    private static final String STATE_NOT_LOADED = "55000";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration timeout;

    private ServerQueries(DataSource dataSource, Dialect dialect, Duration timeout) {
        this.dataSource = dataSource instanceof ProfiledDataSource p ? p.delegate() : dataSource;
        this.dialect = dialect;
        this.timeout = timeout;
    }

    /** Statistics of a data source; detects the server with one connection. */
    public static ServerQueries create(DataSource dataSource) {
        return of(dataSource, DatabaseInfo.detect(dataSource).dialect(), Duration.ofSeconds(30));
    }

    /** Statistics of a data source whose server is known, each catalog query limited to {@code timeout}. */
    public static ServerQueries of(DataSource dataSource, Dialect dialect, Duration timeout) {
        return new ServerQueries(Objects.requireNonNull(dataSource, "dataSource"),
                Objects.requireNonNull(dialect, "dialect"), Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * The {@code limit} statements with the most total time.
     *
     * @throws DbOptException with {@link QueryErrorCode#STATISTICS_UNAVAILABLE} when reading fails for another
     *     reason than the statistics being off or forbidden
     */
    public ServerStatistics top(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        try {
            return Jdbc.withConnection(dataSource, "reading statement statistics",
                    c -> read(io.dbopt.core.jdbc.TimedConnection.of(c, timeout), limit));
        } catch (DbOptException e) {
            if (e.errorKind().orElse(ErrorKind.OTHER) == ErrorKind.PERMISSION_DENIED) {
                return unavailable(ServerStatistics.Status.NO_PERMISSION, "the user may not read statement "
                        + "statistics: grant " + (dialect instanceof PostgresDialect ? "pg_read_all_stats"
                        : "SELECT ON performance_schema.*"));
            }
            throw new DbOptException(QueryErrorCode.STATISTICS_UNAVAILABLE,
                    io.dbopt.core.Redaction.redactDriverText(e), e);
        }
    }

    private ServerStatistics read(Connection c, int limit) throws SQLException {
        if (dialect instanceof PostgresDialect) {
            Optional<String> schema = Jdbc.query(c, timeout, SqlResource.load("query", dialect,
                    "statement-statistics"), rs -> rs.getString("schema_name")).stream().findFirst();
            if (schema.isEmpty()) {
                return unavailable(ServerStatistics.Status.NOT_INSTALLED, "pg_stat_statements is not installed in "
                        + "this database: CREATE EXTENSION pg_stat_statements (the library must also be in "
                        + "shared_preload_libraries)");
            }
            String sql = inSchema(SqlResource.load("query", dialect, dialect.version().isAtLeast(13, 0)
                    ? "top-queries" : "top-queries-12"), schema.get());
            try {
                List<ServerQuery> rows = Jdbc.query(c, timeout, sql, rs -> row(rs, false), limit);
                long[] lost = dialect.version().isAtLeast(14, 0) ? lost(c, schema.get()) : new long[2];
                return new ServerStatistics(ServerStatistics.Status.AVAILABLE, "", rows, lost[0], lost[1]);
            } catch (SQLException e) {
                if (STATE_NOT_LOADED.equals(e.getSQLState())) {
                    return unavailable(ServerStatistics.Status.NOT_LOADED, "pg_stat_statements is installed but "
                            + "not loaded: add it to shared_preload_libraries and restart the server");
                }
                throw e;
            }
        }
        List<Boolean> enabled = Jdbc.query(c, timeout, SqlResource.load("query", dialect, "statement-statistics"),
                rs -> rs.getInt(1) == 1 && "YES".equalsIgnoreCase(rs.getString(2)));
        if (enabled.isEmpty() || !enabled.get(0)) {
            return unavailable(ServerStatistics.Status.DISABLED, "performance_schema statement digests are off: set "
                    + "performance_schema=ON in the server configuration (restart) and enable the "
                    + "statements_digest consumer");
        }
        List<ServerQuery> rows = Jdbc.query(c, timeout, SqlResource.load("query", dialect, "top-queries"),
                rs -> row(rs, true), limit);
        long[] lost = lost(c, "");
        return new ServerStatistics(ServerStatistics.Status.AVAILABLE, "", rows, lost[0], lost[1]);
    }

    /** [statements lost, capacity] of the server's statistics table. */
    private long[] lost(Connection c, String extensionSchema) throws SQLException {
        String sql = SqlResource.load("query", dialect, "statement-statistics-lost");
        return Jdbc.query(c, timeout, extensionSchema.isEmpty() ? sql : inSchema(sql, extensionSchema),
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}).stream().findFirst().orElse(new long[2]);
    }

    /**
     * The query with pg_stat_statements' relations qualified by the schema the extension was installed in, which
     * need not be on the search path; {@code schema} comes from {@code regnamespace::text}, quoted by the server.
     */
    static String inSchema(String sql, String schema) {
        return sql.replaceAll("\\b(FROM|JOIN)\\s+(pg_stat_statements(?:_info)?)\\b",
                "$1 " + java.util.regex.Matcher.quoteReplacement(schema) + ".$2");
    }

    private ServerQuery row(java.sql.ResultSet rs, boolean mariaDb) throws SQLException {
        String text = rs.getString("query");
        SqlAnalyzer analyzer = mariaDb ? SqlAnalyzer.mariaDb() : SqlAnalyzer.postgres();
        long totalNanos = Math.round(rs.getDouble("total_ms") * 1_000_000);
        long meanNanos = Math.round(rs.getDouble("mean_ms") * 1_000_000);
        return new ServerQuery(rs.getString("query_id"), analyzer.fingerprint(text), Redaction.redactText(text),
                rs.getLong("calls"), Duration.ofNanos(totalNanos), Duration.ofNanos(meanNanos), rs.getLong("rows"),
                mariaDb ? rs.getLong("rows_examined") : rs.getLong("blocks"),
                mariaDb ? rs.getLong("no_index_used") : 0,
                mariaDb ? rs.getLong("temp_disk_tables") : rs.getLong("temp_blocks_written"));
    }

    private static ServerStatistics unavailable(ServerStatistics.Status status, String detail) {
        return new ServerStatistics(status, detail, List.of(), 0, 0);
    }
}
