package io.dbopt.bulk.chunk;

import io.dbopt.core.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The statements of a chunked job, names quoted by the dialect, values bound. */
final class JobSql {

    private final ChunkedJob job;
    private final String table;
    private final String key;
    private final String condition;

    JobSql(ChunkedJob job, Dialect dialect) {
        this.job = job;
        this.table = job.schema().map(s -> dialect.quote(s, job.table())).orElse(dialect.quote(job.table()));
        this.key = dialect.quote(job.keyColumn());
        this.condition = job.where().map(w -> " AND (" + w + ")").orElse("");
        this.dialect = dialect;
    }

    private final Dialect dialect;

    /** The quoted table. */
    String table() {
        return table;
    }

    /** The keys to visit: {@code [min, max + 1)} of the key among the rows meeting the condition; empty table gives 0..0. */
    long[] bounds(Connection c) throws SQLException {
        String sql = "SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table
                + job.where().map(w -> " WHERE (" + w + ")").orElse("");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, job.whereParams());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long lo = rs.getLong(1);
                if (rs.wasNull()) {
                    return new long[] {0, 0};
                }
                return new long[] {lo, rs.getLong(2) + 1};
            }
        }
    }

    /** The rows of the table meeting the condition, as the catalog estimates them (without condition), or -1. */
    long estimatedRows(Connection c) {
        String sql = dialect.resourceFolder().equals("postgresql")
                ? "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)"
                : "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                        + (job.schema().isPresent() ? "?" : "DATABASE()") + " AND TABLE_NAME = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (dialect.resourceFolder().equals("postgresql")) {
                ps.setString(1, table);
            } else if (job.schema().isPresent()) {
                ps.setString(1, job.schema().get());
                ps.setString(2, job.table());
            } else {
                ps.setString(1, job.table());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The work of one chunk for UPDATE, DELETE and COPY jobs. */
    ChunkWork work() {
        String sql;
        List<Object> before = new ArrayList<>();
        switch (job.kind()) {
            case UPDATE -> {
                sql = "UPDATE " + table + " SET " + job.setSql + " WHERE " + key + " >= ? AND " + key + " < ?"
                        + condition;
                before.addAll(job.setParams);
            }
            case DELETE -> sql = "DELETE FROM " + table + " WHERE " + key + " >= ? AND " + key + " < ?" + condition;
            case COPY -> {
                StringBuilder cols = new StringBuilder();
                for (String col : job.columns) {
                    cols.append(cols.length() == 0 ? "" : ", ").append(dialect.quote(col));
                }
                sql = "INSERT INTO " + dialect.quote(job.destination) + " (" + cols + ") SELECT " + cols + " FROM "
                        + table + " WHERE " + key + " >= ? AND " + key + " < ?" + condition;
            }
            default -> {
                return job.custom;
            }
        }
        return (c, range) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = bind(ps, 1, before);
                ps.setLong(p++, range.lo());
                ps.setLong(p++, range.hi());
                bind(ps, p, job.whereParams());
                return ps.executeLargeUpdate();
            }
        };
    }

    static int bind(PreparedStatement ps, int first, List<Object> params) throws SQLException {
        int p = first;
        for (Object v : params) {
            ps.setObject(p++, v);
        }
        return p;
    }
}
