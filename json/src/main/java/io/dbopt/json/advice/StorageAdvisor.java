package io.dbopt.json.advice;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.json.ColumnRef;
import io.dbopt.json.ColumnStorage;
import io.dbopt.json.codec.ZstdCodec;
import io.dbopt.json.metrics.JsonInstruments;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures how large text, JSON and binary columns are stored and says what would store them better: values under
 * TOAST's ~2 KB threshold stay uncompressed on PostgreSQL (compress them in the application), PostgreSQL 14+'s lz4
 * is faster than the default pglz, MariaDB has COMPRESSED columns and InnoDB page compression, and dbopt's zstd
 * (measured on the same sample) often stores text smaller than either. Statements are bound or quoted; each runs
 * under the time limit. Stateless.
 */
public final class StorageAdvisor {

    /** PostgreSQL compresses a row's values only when the row is over about 2 KB (TOAST_TUPLE_THRESHOLD). */
    public static final long TOAST_THRESHOLD = 2032;
    /** The seed compressed above 1,000 characters: under that, application-side compression is not worth it. */
    static final long APPLICATION_MINIMUM = 1000;
    private static final int ZSTD_SAMPLES = 30;
    private static final long MIN_TABLE_BYTES = 1 << 20;

    private final Dialect dialect;
    private final Duration timeout;
    private final int sampleRows;

    /** An advisor for a dialect. */
    public StorageAdvisor(Dialect dialect, Duration timeout, int sampleRows) {
        this.dialect = dialect;
        this.timeout = timeout;
        this.sampleRows = sampleRows;
    }

    /** The text, JSON and binary columns of tables of at least 1 MB, measured (largest tables first, at most 40). */
    public List<ColumnStorage> measureAll(Connection c) throws SQLException {
        return measure(c, MIN_TABLE_BYTES, "");
    }

    /** One column, measured; empty when it is not a text, JSON or binary column of a table. */
    public Optional<ColumnStorage> measure(Connection c, ColumnRef column) throws SQLException {
        return measure(c, 0, column.table()).stream()
                .filter(s -> s.column().column().equalsIgnoreCase(column.column())).findFirst();
    }

    private List<ColumnStorage> measure(Connection c, long minTableBytes, String table) throws SQLException {
        record Row(String table, String column, String type, long tableBytes, long toast, long rows, String options) {
        }
        List<Row> rows = Jdbc.query(c, timeout, SqlResource.load("json", dialect, "large-columns"),
                rs -> new Row(rs.getString("table_name"), rs.getString("column_name"), rs.getString("data_type"),
                        rs.getLong("table_bytes"), rs.getLong("toast_bytes"), rs.getLong("table_rows"),
                        rs.getString("options")), minTableBytes, table, table);
        List<ColumnStorage> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(measure(c, ColumnRef.of(r.table(), r.column()), r.type(), r.rows(), r.tableBytes(), r.toast(),
                    r.options()));
        }
        return out;
    }

    private ColumnStorage measure(Connection c, ColumnRef column, String type, long rows, long tableBytes,
                                  long toast, String options) throws SQLException {
        boolean pg = dialect instanceof PostgresDialect;
        String lowerType = type.toLowerCase(Locale.ROOT);
        boolean binary = lowerType.contains("bytea") || lowerType.contains("blob");
        String col = dialect.quote(column.column());
        String length = pg ? (binary ? "octet_length(v)" : "octet_length(v::text)") : "LENGTH(v)";
        String stored = pg ? "avg(pg_column_size(v))" : "0";
        String sql = "SELECT count(*), avg(" + length + "), " + stored + " FROM (SELECT " + col + " AS v FROM "
                + dialect.quote(column.table()) + " WHERE " + col + " IS NOT NULL LIMIT ?) s";
        long sampled;
        double average;
        double storedAverage;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(ColumnSampler.seconds(timeout));
            ps.setInt(1, sampleRows);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sampled = rs.getLong(1);
                average = rs.getDouble(2);
                storedAverage = rs.getDouble(3);
            }
        }
        String compression = pg ? postgresCompression(c, column) : mariaDbCompression(lowerType, options);
        if (!pg) {
            storedAverage = compression.equals("none") ? average : -1;
        }
        return new ColumnStorage(column, type, rows, tableBytes, toast, sampled, average, storedAverage, compression,
                sampled == 0 ? 0 : zstd(c, column, binary));
    }

    private String postgresCompression(Connection c, ColumnRef column) throws SQLException {
        if (!dialect.version().isAtLeast(14, 0)) {
            return "pglz";
        }
        return Jdbc.query(c, timeout, SqlResource.load("json", dialect, "column-compression"),
                rs -> {
                    String m = rs.getString("method");
                    return m == null || m.isEmpty() ? rs.getString("default_method") : m.equals("l") ? "lz4" : "pglz";
                }, column.table(), column.column()).stream().findFirst().orElse("pglz");
    }

    private static String mariaDbCompression(String type, String options) {
        if (type.contains("compressed")) {
            return "column";
        }
        String o = options == null ? "" : options.toLowerCase(Locale.ROOT);
        return o.contains("page_compressed") && !o.contains("page_compressed`='0'") || o.contains("compressed")
                ? "page" : "none";
    }

    /** The average size of sampled values compressed by dbopt's codec. */
    private double zstd(Connection c, ColumnRef column, boolean binary) throws SQLException {
        List<String> values = new ArrayList<>();
        String col = dialect.quote(column.column());
        String sql = "SELECT " + (dialect instanceof PostgresDialect && !binary ? col + "::text" : col) + " FROM "
                + dialect.quote(column.table()) + " WHERE " + col + " IS NOT NULL LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(ColumnSampler.seconds(timeout));
            ps.setInt(1, ZSTD_SAMPLES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(binary ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : rs.getString(1));
                }
            }
        }
        try (ZstdCodec codec = new ZstdCodec(3, 0, Integer.MAX_VALUE - 64, JsonInstruments.noop())) {
            return values.stream().mapToInt(v -> codec.encode(v.getBytes(StandardCharsets.UTF_8), null, "a sample",
                    false).length).average().orElse(0);
        }
    }

    /** The findings for measured columns whose average value is at least {@code largeValueBytes}. */
    public List<Finding> findings(List<ColumnStorage> measured, long largeValueBytes, boolean lz4Available) {
        List<Finding> out = new ArrayList<>();
        for (ColumnStorage s : measured) {
            if (s.sampledRows() == 0) {
                continue;
            }
            boolean belowToast = dialect instanceof PostgresDialect && s.averageValueBytes() >= APPLICATION_MINIMUM
                    && s.averageValueBytes() < TOAST_THRESHOLD;
            if (belowToast || s.averageValueBytes() >= largeValueBytes) {
                finding(s, belowToast, lz4Available).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<Finding> finding(ColumnStorage s, boolean belowToast, boolean lz4Available) {
        double stored = s.averageStoredBytes() < 0 ? s.averageValueBytes() : s.averageStoredBytes();
        double zstdShare = s.averageZstdBytes() / s.averageValueBytes();
        if (zstdShare > 0.9) {
            return Optional.empty(); // incompressible: nothing would store it smaller
        }
        boolean uncompressed = s.averageStoredBytes() >= 0 && stored >= 0.9 * s.averageValueBytes();
        boolean zstdMuchSmaller = s.averageZstdBytes() <= 0.7 * stored;
        Severity severity = uncompressed || zstdMuchSmaller ? Severity.WARNING : Severity.INFO;
        String table = dialect.quote(s.column().table());
        String col = dialect.quote(s.column().column());
        String what = s.column().table() + "." + s.column().column();
        String message = belowToast ? "Values of " + what + " average " + kb(s.averageValueBytes()) + ", under "
                + "TOAST's ~2 KB threshold: PostgreSQL stores them uncompressed; zstd would keep "
                + percent(zstdShare) + " of them"
                : "Values of " + what + " average " + kb(s.averageValueBytes()) + ", stored "
                + (s.averageStoredBytes() < 0 ? "with " + s.serverCompression() + " compression"
                : "at " + percent(stored / s.averageValueBytes()) + " (" + s.serverCompression() + ")")
                + "; zstd would keep " + percent(zstdShare);
        Finding.Builder f = Finding.builder("json.large-value-column", severity)
                .object(DbObject.column(table, col)).message(message)
                .evidence("average_value_bytes", Math.round(s.averageValueBytes()))
                .evidence("average_stored_bytes", Math.round(s.averageStoredBytes()))
                .evidence("average_zstd_bytes", Math.round(s.averageZstdBytes()))
                .evidence("server_compression", s.serverCompression())
                .evidence("table_rows", s.tableRows()).evidence("toast_bytes", s.toastBytes())
                .evidence("sampled_rows", s.sampledRows());
        f.fix(fix(s, belowToast, lz4Available, table, col));
        return Optional.of(f.build());
    }

    private Fix fix(ColumnStorage s, boolean belowToast, boolean lz4Available, String table, String col) {
        String application = "Compress in the application with dbopt's JsonCompressor (zstd, optionally a trained "
                + "dictionary; JsonCompressor.migration(column) converts the column in place, resumably; the column "
                + "must be text or binary, not json/jsonb)";
        if (dialect instanceof PostgresDialect) {
            if (!belowToast && s.serverCompression().equals("pglz") && lz4Available) {
                return Fix.sql("lz4 compresses and decompresses several times faster than pglz at a similar ratio; "
                        + "it applies to values written from now on (rewrite old ones with an UPDATE or VACUUM FULL). "
                        + "For the smallest storage: " + application,
                        "ALTER TABLE " + table + " ALTER COLUMN " + col + " SET COMPRESSION lz4");
            }
            return Fix.advice(application);
        }
        if (s.serverCompression().equals("none")) {
            return Fix.sql("MariaDB compresses a COMPRESSED column (zlib) on write; the ALTER copies the table and a "
                    + "compressed column cannot be indexed. Or: " + application,
                    "ALTER TABLE " + table + " MODIFY " + col + " " + s.type().replaceAll("(?i)/\\*.*\\*/", "")
                            .strip() + " COMPRESSED");
        }
        return Fix.advice(application);
    }

    /** Whether the server can compress with lz4 (PostgreSQL 14+ built with it). */
    public boolean lz4Available(Connection c) throws SQLException {
        if (!(dialect instanceof PostgresDialect) || !dialect.version().isAtLeast(14, 0)) {
            return false;
        }
        return Jdbc.query(c, timeout, "SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = "
                + "'default_toast_compression'", rs -> rs.getBoolean(1)).stream().findFirst().orElse(false);
    }

    private static String kb(double bytes) {
        return bytes >= 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024)
                : String.format(Locale.ROOT, "%.0f bytes", bytes);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
