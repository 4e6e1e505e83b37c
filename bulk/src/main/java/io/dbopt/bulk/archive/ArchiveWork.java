package io.dbopt.bulk.archive;

import io.dbopt.bulk.chunk.ChunkWork;
import io.dbopt.bulk.chunk.KeyRange;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The work of one archive chunk. On PostgreSQL and one server, a single statement deletes the rows and inserts what
 * it deleted ({@code WITH moved AS (DELETE ... RETURNING ...) INSERT ... SELECT FROM moved}). On MariaDB, the
 * matching rows' keys are locked first ({@code FOR UPDATE}), then exactly those rows are copied and deleted. To
 * another server, the locked rows are read, inserted there with an "already there" rule and committed, then deleted.
 * Counts are compared every time; a difference fails the chunk, which rolls back.
 */
final class ArchiveWork implements ChunkWork {

    /** The SQLState of a count mismatch (a dbopt check, not a server error). */
    static final String MISMATCH_STATE = "DBBA1";

    private final ArchiveJob job;
    private final Dialect dialect;
    private final List<String> columns;
    private final String source;
    private final String archive;
    private final String key;
    private final String cols;

    ArchiveWork(ArchiveJob job, Dialect dialect, List<String> columns) {
        this.job = job;
        this.dialect = dialect;
        this.columns = columns;
        this.source = job.schema == null ? dialect.quote(job.table) : dialect.quote(job.schema, job.table);
        this.archive = job.schema == null || job.destination != null ? dialect.quote(job.archiveTable)
                : dialect.quote(job.schema, job.archiveTable);
        this.key = dialect.quote(job.keyColumn);
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(dialect.quote(c));
        }
        this.cols = sb.toString();
    }

    private String range() {
        return key + " >= ? AND " + key + " < ? AND (" + job.where + ")";
    }

    private int bindRange(PreparedStatement ps, int first, KeyRange r) throws SQLException {
        ps.setLong(first, r.lo());
        ps.setLong(first + 1, r.hi());
        int p = first + 2;
        for (Object v : job.whereParams) {
            ps.setObject(p++, v);
        }
        return p;
    }

    @Override
    public long apply(Connection c, KeyRange r) throws SQLException {
        if (job.destination != null) {
            return toOtherServer(c, r);
        }
        if (dialect.resourceFolder().equals("postgresql")) {
            String sql = "WITH moved AS (DELETE FROM " + source + " WHERE " + range() + " RETURNING " + cols
                    + "), copied AS (INSERT INTO " + archive + " (" + cols + ") SELECT " + cols
                    + " FROM moved RETURNING 1) SELECT (SELECT count(*) FROM moved), (SELECT count(*) FROM copied)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindRange(ps, 1, r);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return verified(rs.getLong(2), rs.getLong(1), r);
                }
            }
        }
        List<Long> keys = lockedKeys(c, r);
        if (keys.isEmpty()) {
            return 0;
        }
        String in = placeholders(keys.size());
        long copied;
        long deleted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + archive + " (" + cols + ") SELECT " + cols
                + " FROM " + source + " WHERE " + key + " IN (" + in + ")")) {
            bindKeys(ps, keys);
            copied = ps.executeLargeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + source + " WHERE " + key + " IN (" + in
                + ")")) {
            bindKeys(ps, keys);
            deleted = ps.executeLargeUpdate();
        }
        return verified(copied, deleted, r);
    }

    private List<Long> lockedKeys(Connection c, KeyRange r) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + key + " FROM " + source + " WHERE " + range()
                + " ORDER BY " + key + " FOR UPDATE")) {
            bindRange(ps, 1, r);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
        }
        return keys;
    }

    private long toOtherServer(Connection c, KeyRange r) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + source + " WHERE " + range()
                + " ORDER BY " + key + " FOR UPDATE")) {
            bindRange(ps, 1, r);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        int keyIndex = columns.indexOf(job.keyColumn);
        List<Long> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(((Number) row[keyIndex]).longValue()));
        long present = insertThere(rows, keys);
        if (present != rows.size()) {
            throw new SQLException("Archive chunk " + r.chunkNo() + " of " + job.table + ": " + rows.size()
                    + " rows read, " + present + " found in " + job.archiveTable + " after the insert",
                    MISMATCH_STATE);
        }
        long deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + source + " WHERE " + key + " IN ("
                + placeholders(keys.size()) + ")")) {
            bindKeys(ps, keys);
            deleted = ps.executeLargeUpdate();
        }
        return verified(rows.size(), deleted, r);
    }

    /** Inserts the rows on the other server (keys already there are kept) and commits; returns the keys there. */
    private long insertThere(List<Object[]> rows, List<Long> keys) throws SQLException {
        DataSource there = job.destination;
        try (Connection d = there.getConnection()) {
            Dialect dd = DatabaseInfo.detect(d).dialect();
            boolean pg = dd.resourceFolder().equals("postgresql");
            StringBuilder dcols = new StringBuilder();
            for (String col : columns) {
                dcols.append(dcols.length() == 0 ? "" : ", ").append(dd.quote(col));
            }
            String k = dd.quote(job.keyColumn);
            String table = dd.quote(job.archiveTable);
            String sql = "INSERT INTO " + table + " (" + dcols + ") VALUES (" + placeholders(columns.size()) + ")"
                    + (pg ? " ON CONFLICT DO NOTHING" : " ON DUPLICATE KEY UPDATE " + k + " = " + k);
            d.setAutoCommit(false);
            try {
                try (PreparedStatement ps = d.prepareStatement(sql)) {
                    for (Object[] row : rows) {
                        for (int i = 0; i < row.length; i++) {
                            ps.setObject(i + 1, row[i]);
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                long present;
                try (PreparedStatement ps = d.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + k
                        + " IN (" + placeholders(keys.size()) + ")")) {
                    bindKeys(ps, keys);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        present = rs.getLong(1);
                    }
                }
                d.commit();
                return present;
            } catch (SQLException e) {
                try {
                    d.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                d.setAutoCommit(true);
            }
        }
    }

    private long verified(long copied, long deleted, KeyRange r) throws SQLException {
        if (copied != deleted) {
            throw new SQLException("Archive chunk " + r.chunkNo() + " of " + job.table + " copied " + copied
                    + " rows but deleted " + deleted, MISMATCH_STATE);
        }
        return deleted;
    }

    private static String placeholders(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    private static void bindKeys(PreparedStatement ps, List<Long> keys) throws SQLException {
        for (int i = 0; i < keys.size(); i++) {
            ps.setLong(i + 1, keys.get(i));
        }
    }
}
