package io.dbopt.bulk.checkpoint;

import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;

/**
 * The table in which chunked jobs and resumable loads record where they are, so that a job stopped at any point
 * resumes exactly there: one header row per job ({@code chunk_no = 0}: bounds, cursor, definition fingerprint) and,
 * for chunked jobs, one row per chunk ({@code pending} until the transaction that did its work marks it
 * {@code done}). Workers, in one process or in many, claim pending chunks with {@code FOR UPDATE SKIP LOCKED}: the
 * database is the coordinator. A worker that dies releases its chunk's lock with its session, and the chunk is
 * claimed again.
 *
 * <p>The table is created on first use in the current schema (PostgreSQL) or database (MariaDB); its name is quoted
 * by the dialect. Methods run on the caller's connection and transaction, except where they say they commit.
 * Stateless apart from the name; thread-safe.
 */
public final class CheckpointTable {

    /** A chunk waiting for a worker (or left by one that died). */
    public static final String PENDING = "pending";
    /** A chunk whose work is committed. */
    public static final String DONE = "done";
    /** A job header whose job finished. */
    public static final String FINISHED = "finished";
    private static final String RUNNING = "running";

    private final Dialect dialect;
    private final String name;
    private final String table;

    /**
     * A checkpoint table of the given name.
     *
     * @throws io.dbopt.core.InvalidIdentifierException when the name cannot be an identifier on this server
     */
    public CheckpointTable(Dialect dialect, String name) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.name = Objects.requireNonNull(name, "name");
        this.table = dialect.quote(name);
    }

    /** The table's name, unquoted. */
    public String name() {
        return name;
    }

    /** A job's header row. */
    public record Header(String jobId, long lo, long hi, long nextLo, long chunks, String state, long rowsDone,
                         long rejected, String fingerprint) {
        /** Whether the job finished. */
        public boolean finished() {
            return FINISHED.equals(state);
        }
    }

    /** A claimed chunk: its number and key range {@code [lo, hi)}. */
    public record Chunk(long chunkNo, long lo, long hi) {
    }

    /** Counts over a job's chunks. */
    public record Summary(long done, long pending, long rowsDone) {
    }

    /**
     * Creates the table when it does not exist, in a statement of its own (autocommit); safe when several workers
     * race to create it.
     */
    public void ensureExists(Connection c) throws SQLException {
        if (exists(c)) {
            return;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (job_id varchar(190) NOT NULL, "
                    + "chunk_no bigint NOT NULL, lo bigint NOT NULL, hi bigint NOT NULL, "
                    + "next_lo bigint NOT NULL DEFAULT 0, chunks bigint NOT NULL DEFAULT 0, "
                    + "state varchar(16) NOT NULL, rows_done bigint NOT NULL DEFAULT 0, "
                    + "rejected bigint NOT NULL DEFAULT 0, fingerprint varchar(64), owner varchar(190), "
                    + "updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (job_id, chunk_no))");
        } catch (SQLException e) {
            if (!exists(c)) {
                throw e;
            }
            // another worker created it at the same moment
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private boolean exists(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, name, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equals(name) && inCurrentSchema(c, rs.getString("TABLE_SCHEM"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean inCurrentSchema(Connection c, String schema) throws SQLException {
        String current = c.getSchema();
        return schema == null || current == null || schema.equals(current);
    }

    /** The job's header, when the job was started before. */
    public Optional<Header> header(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT lo, hi, next_lo, chunks, state, rows_done, rejected, "
                + "fingerprint FROM " + table + " WHERE job_id = ? AND chunk_no = 0")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Header(jobId, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8)));
            }
        }
    }

    /**
     * Opens a job: creates its header with the bounds given, or returns the existing one when the job was started
     * before with the same definition. Commits.
     *
     * @throws DbOptException with {@link BulkErrorCode#CHECKPOINT_CONFLICT} when the job id is used by a job with
     *     another definition
     */
    public Header open(Connection c, String jobId, String fingerprint, long lo, long hi) throws SQLException {
        Optional<Header> existing = header(c, jobId);
        if (existing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (job_id, chunk_no, lo, hi, "
                    + "next_lo, chunks, state, fingerprint) VALUES (?, 0, ?, ?, ?, 0, ?, ?)")) {
                ps.setString(1, jobId);
                ps.setLong(2, lo);
                ps.setLong(3, hi);
                ps.setLong(4, lo);
                ps.setString(5, RUNNING);
                ps.setString(6, fingerprint);
                ps.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                existing = header(c, jobId); // another worker opened it first
                if (existing.isEmpty()) {
                    throw e;
                }
            }
            if (existing.isEmpty()) {
                return header(c, jobId).orElseThrow();
            }
        }
        Header h = existing.get();
        if (!Objects.equals(h.fingerprint(), fingerprint)) {
            c.rollback();
            throw new DbOptException(BulkErrorCode.CHECKPOINT_CONFLICT, "Job '" + jobId + "' was started before with "
                    + "another definition (checkpoint table " + name + "): give this job another id, or delete the "
                    + "old job's rows with forget(\"" + jobId + "\") if it is abandoned");
        }
        c.commit();
        return h;
    }

    /** Records that a load has consumed input rows up to {@code nextRow} (exclusive); in the caller's transaction. */
    public void advanceLoad(Connection c, String jobId, long nextRow, long rows, long rejected) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET next_lo = ?, rows_done = rows_done "
                + "+ ?, rejected = rejected + ?, updated_at = CURRENT_TIMESTAMP WHERE job_id = ? AND chunk_no = 0")) {
            ps.setLong(1, nextRow);
            ps.setLong(2, rows);
            ps.setLong(3, rejected);
            ps.setString(4, jobId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("The checkpoint of job '" + jobId + "' disappeared from " + name, "55000");
            }
        }
    }

    /**
     * Claims a pending chunk nobody holds: locks its row ({@code FOR UPDATE SKIP LOCKED}) in the caller's
     * transaction, which must do the chunk's work and {@link #markDone} before committing.
     */
    public Optional<Chunk> claimPending(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT chunk_no, lo, hi FROM " + table + " WHERE job_id = ? "
                + "AND chunk_no > 0 AND state = ? ORDER BY chunk_no LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, jobId);
            ps.setString(2, PENDING);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Chunk(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Reserves the next key range of {@code span} keys as a new pending chunk, under the header's row lock.
     * Commits. Empty when the cursor reached the job's upper bound.
     */
    public Optional<Chunk> reserveNext(Connection c, String jobId, long span, String owner) throws SQLException {
        long lo;
        long hi;
        long chunkNo;
        try (PreparedStatement ps = c.prepareStatement("SELECT next_lo, hi, chunks FROM " + table
                + " WHERE job_id = ? AND chunk_no = 0 FOR UPDATE")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    c.rollback();
                    throw new SQLException("The checkpoint of job '" + jobId + "' disappeared from " + name, "55000");
                }
                lo = rs.getLong(1);
                long bound = rs.getLong(2);
                chunkNo = rs.getLong(3) + 1;
                if (lo >= bound) {
                    c.commit();
                    return Optional.empty();
                }
                hi = span >= bound - lo ? bound : lo + span;
            }
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (job_id, chunk_no, lo, hi, state, "
                + "owner) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement upd = c.prepareStatement("UPDATE " + table + " SET next_lo = ?, chunks = ?, "
                     + "updated_at = CURRENT_TIMESTAMP WHERE job_id = ? AND chunk_no = 0")) {
            ins.setString(1, jobId);
            ins.setLong(2, chunkNo);
            ins.setLong(3, lo);
            ins.setLong(4, hi);
            ins.setString(5, PENDING);
            ins.setString(6, owner);
            ins.executeUpdate();
            upd.setLong(1, hi);
            upd.setLong(2, chunkNo);
            upd.setString(3, jobId);
            upd.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
        return Optional.of(new Chunk(chunkNo, lo, hi));
    }

    /** Marks a claimed chunk done with the rows its work touched; in the caller's transaction. */
    public void markDone(Connection c, String jobId, long chunkNo, long rows, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = ?, rows_done = ?, owner = ?, "
                + "updated_at = CURRENT_TIMESTAMP WHERE job_id = ? AND chunk_no = ? AND state = ?")) {
            ps.setString(1, DONE);
            ps.setLong(2, rows);
            ps.setString(3, owner);
            ps.setString(4, jobId);
            ps.setLong(5, chunkNo);
            ps.setString(6, PENDING);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("Chunk " + chunkNo + " of job '" + jobId + "' is no longer pending in " + name,
                        "55000");
            }
        }
    }

    /** Counts the job's chunks by state and the rows of the done ones. */
    public Summary summary(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT "
                + "COALESCE(SUM(CASE WHEN state = ? THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN state = ? THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN state = ? THEN rows_done ELSE 0 END), 0) "
                + "FROM " + table + " WHERE job_id = ? AND chunk_no > 0")) {
            ps.setString(1, DONE);
            ps.setString(2, PENDING);
            ps.setString(3, DONE);
            ps.setString(4, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /** Marks the job finished; in the caller's transaction. */
    public void finish(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = ?, updated_at = "
                + "CURRENT_TIMESTAMP WHERE job_id = ? AND chunk_no = 0")) {
            ps.setString(1, FINISHED);
            ps.setString(2, jobId);
            ps.executeUpdate();
        }
    }

    /** Deletes every row of a job, so that its id can be used again; in the caller's transaction. */
    public int forget(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ?")) {
            ps.setString(1, jobId);
            return ps.executeUpdate();
        }
    }
}
