package io.dbopt.json.chunk;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.json.storage.OwnTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkpoint table of chunked jobs: one row per job with the last key done and running totals, written in the
 * same transaction as each chunk so a rerun resumes exactly where the last commit ended. Locking the row at the start
 * of each chunk makes two instances running the same job take turns instead of doing rows twice. Thread-safe.
 */
public final class Checkpoints {

    /** A job's row. */
    record Checkpoint(Optional<String> lastKey, long rows, long bytesBefore, long bytesAfter, boolean done) {
    }

    private final Dialect dialect;
    private final OwnTables tables;
    private final String table;

    /** The checkpoint table of a dialect. */
    public Checkpoints(Dialect dialect, String table) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.tables = new OwnTables(dialect);
        dialect.validateIdentifier(table);
        this.table = table;
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    /** Creates the table when missing and the job's row when missing (autocommit connection). */
    void ensure(Connection c, String job) throws SQLException {
        tables.create(c, "CREATE TABLE IF NOT EXISTS " + dialect.quote(table) + " (job varchar(200) PRIMARY KEY, "
                + "last_key varchar(400), rows_done bigint NOT NULL, bytes_before bigint NOT NULL, "
                + "bytes_after bigint NOT NULL, state varchar(16) NOT NULL, updated_at " + tables.timestampType()
                + " NOT NULL)");
        String insert = "INSERT INTO " + dialect.quote(table) + " (job, last_key, rows_done, bytes_before, "
                + "bytes_after, state, updated_at) VALUES (?, NULL, 0, 0, 0, 'running', ?)"
                + (tables.postgres() ? " ON CONFLICT (job) DO NOTHING" : " ON DUPLICATE KEY UPDATE job = job");
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, job);
            tables.bind(ps, 2, Instant.now());
            ps.executeUpdate();
        }
    }

    /** Locks and reads a job's row for the chunk's transaction. */
    Checkpoint lock(Connection c, String job) throws SQLException {
        String sql = "SELECT last_key, rows_done, bytes_before, bytes_after, state FROM "
                + dialect.quote(table) + " WHERE job = ? FOR UPDATE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("checkpoint row of job " + job + " vanished");
                }
                return new Checkpoint(Optional.ofNullable(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), "done".equals(rs.getString(5)));
            }
        }
    }

    /** Records a chunk in its transaction. */
    void advance(Connection c, String job, String lastKey, ChunkOutcome outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + dialect.quote(table) + " SET last_key = ?, "
                + "rows_done = rows_done + ?, bytes_before = bytes_before + ?, bytes_after = bytes_after + ?, "
                + "updated_at = ? WHERE job = ?")) {
            ps.setString(1, lastKey);
            ps.setLong(2, outcome.rows());
            ps.setLong(3, outcome.bytesBefore());
            ps.setLong(4, outcome.bytesAfter());
            tables.bind(ps, 5, Instant.now());
            ps.setString(6, job);
            ps.executeUpdate();
        }
    }

    /** Marks a job done in the current transaction. */
    void finish(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + dialect.quote(table)
                + " SET state = 'done', updated_at = ? WHERE job = ?")) {
            tables.bind(ps, 1, Instant.now());
            ps.setString(2, job);
            ps.executeUpdate();
        }
    }

    /** Forgets a job, so that its next run starts from the beginning (autocommit connection). */
    void forget(Connection c, String job) throws SQLException {
        try {
            Jdbc.update(c, "DELETE FROM " + dialect.quote(table) + " WHERE job = ?", job);
        } catch (SQLException e) {
            if (io.dbopt.core.SqlErrors.classify(e) != io.dbopt.core.ErrorKind.UNDEFINED_OBJECT) {
                throw e;
            }
        }
    }
}
