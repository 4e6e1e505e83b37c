package io.dbopt.json.chunk;

import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.json.JobResult;
import io.dbopt.json.JsonErrorCode;
import io.dbopt.json.metrics.JsonInstruments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resumable job over a table in key order, one transaction per chunk: lock the job's checkpoint row, take the next
 * items after the checkpoint's key, do the work, move the checkpoint, commit. A failure rolls the chunk back and
 * stops the job with {@link JsonErrorCode#JOB_FAILED}; what earlier chunks committed stays, and the next run resumes
 * after it. Row-lock waits are bounded by the lock timeout and every statement by the statement timeout.
 *
 * <p>(dbopt-bulk's ChunkManager was not available when this was written; this is the small chunking of dbopt-json's
 * own two jobs.) Not thread-safe; one run at a time per instance, any number of instances per job.
 */
public final class ChunkedJob {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkedJob.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Checkpoints checkpoints;
    private final String job;
    private final String kind;
    private final int chunkSize;
    private final Duration pause;
    private final Duration lockTimeout;
    private final JsonInstruments instruments;

    /**
     * A job.
     *
     * @param job the job's name in the checkpoint table
     * @param kind the job's kind, for meters ({@code compression}, {@code history})
     */
    public ChunkedJob(DataSource dataSource, Dialect dialect, Checkpoints checkpoints, String job, String kind,
                      int chunkSize, Duration pause, Duration lockTimeout, JsonInstruments instruments) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.job = Objects.requireNonNull(job, "job");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.chunkSize = chunkSize;
        this.pause = pause;
        this.lockTimeout = lockTimeout;
        this.instruments = instruments;
    }

    /** Runs the job to the end (or to the first failure), resuming after the last committed chunk. */
    public <R> JobResult run(ChunkWork<R> work) {
        long start = System.nanoTime();
        withAutocommit("preparing the checkpoint of " + job, c -> checkpoints.ensure(c, job));
        long rows = 0;
        long chunks = 0;
        while (true) {
            Step step = chunk(work);
            rows += step.rows;
            chunks += step.rows > 0 ? 1 : 0;
            if (step.done) {
                LOG.info("{} - job {} complete: {} rows in total, {} this run", checkpoints.table(), job,
                        step.checkpoint.rows(), rows);
                return result(true, rows, chunks, step.checkpoint, start);
            }
            sleep();
        }
    }

    /** Forgets the job's checkpoint, so that the next run starts from the beginning. */
    public void restart() {
        withAutocommit("forgetting the checkpoint of " + job, c -> checkpoints.forget(c, job));
    }

    private record Step(long rows, boolean done, Checkpoints.Checkpoint checkpoint) {
    }

    private <R> Step chunk(ChunkWork<R> work) {
        long start = System.nanoTime();
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbOptException(CoreErrorCode.CONNECTION_FAILED, "Job " + job + " cannot get a connection ("
                    + SqlErrors.classify(e) + "): check the database, then rerun to resume", e);
        }
        Checkpoints.Checkpoint cp = null;
        try (c) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            Integer previousWait = null;
            try {
                previousWait = lockTimeout(c);
                cp = checkpoints.lock(c, job);
                if (cp.done()) {
                    c.commit();
                    return new Step(0, true, cp);
                }
                List<R> items = work.next(c, cp.lastKey(), chunkSize);
                if (items.isEmpty()) {
                    checkpoints.finish(c, job);
                    c.commit();
                    return new Step(0, true, cp);
                }
                ChunkOutcome outcome = work.process(c, items);
                String last = work.keyOf(items.get(items.size() - 1));
                checkpoints.advance(c, job, last, outcome);
                c.commit();
                instruments.chunkDone(kind, outcome.rows(), System.nanoTime() - start);
                LOG.debug("{} - job {}: {} rows in a chunk", checkpoints.table(), job, outcome.rows());
                Checkpoints.Checkpoint now = new Checkpoints.Checkpoint(java.util.Optional.of(last),
                        cp.rows() + outcome.rows(), cp.bytesBefore() + outcome.bytesBefore(),
                        cp.bytesAfter() + outcome.bytesAfter(), false);
                return new Step(outcome.rows(), false, now);
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw failed(cp, e);
            } finally {
                restore(c, autoCommit, previousWait);
            }
        } catch (SQLException e) {
            throw failed(cp, e);
        }
    }

    /**
     * Bounds row-lock waits: for this transaction on PostgreSQL ({@code lock_timeout}, transaction-local); for the
     * session on MariaDB ({@code innodb_lock_wait_timeout}, whose previous value is returned to be restored).
     */
    private Integer lockTimeout(Connection c) throws SQLException {
        if (dialect instanceof PostgresDialect) {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                ps.setString(1, lockTimeout.toMillis() + "ms");
                ps.execute();
            }
            return null;
        }
        int previous = io.dbopt.core.jdbc.Jdbc.queryFirst(c, "SELECT @@SESSION.innodb_lock_wait_timeout",
                rs -> rs.getInt(1)).orElse(50);
        setWait(c, (int) Math.max(1, lockTimeout.toSeconds()));
        return previous;
    }

    private static void setWait(Connection c, int seconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SET SESSION innodb_lock_wait_timeout = ?")) {
            ps.setInt(1, seconds);
            ps.execute();
        }
    }

    private DbOptException failed(Checkpoints.Checkpoint cp, Exception e) {
        // the key is a value of the caller's rows: masked like every other row value
        String after = cp == null || cp.lastKey().isEmpty() ? "from the start"
                : "after key " + io.dbopt.core.Redaction.MASK + " (the last checkpointed key)";
        String cause = e instanceof DbOptException d ? d.getMessage()
                : e instanceof SQLException s ? SqlErrors.classify(s) + ", SQLState " + s.getSQLState()
                : e.getClass().getSimpleName();
        return new DbOptException(JsonErrorCode.JOB_FAILED, "Job " + job + " stopped in the chunk " + after + " ("
                + cause + "); that chunk was rolled back, earlier chunks stay done: fix the cause and run it again to "
                + "resume", e);
    }

    private static void rollback(Connection c, Exception primary) {
        try {
            c.rollback();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    private static void restore(Connection c, boolean autoCommit, Integer previousWait) throws SQLException {
        if (autoCommit) {
            c.setAutoCommit(true);
        }
        if (previousWait != null) {
            setWait(c, previousWait);
        }
    }

    private void sleep() {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbOptException(CoreErrorCode.INTERRUPTED, "Job " + job + " was interrupted between chunks; "
                    + "run it again to resume", e);
        }
    }

    private JobResult result(boolean complete, long rows, long chunks, Checkpoints.Checkpoint cp, long start) {
        return new JobResult(job, complete, rows, chunks, cp.rows(), cp.bytesBefore(), cp.bytesAfter(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private interface SqlAction {
        void run(Connection c) throws SQLException;
    }

    private void withAutocommit(String what, SqlAction action) {
        io.dbopt.core.jdbc.Jdbc.withConnection(dataSource, what, c -> {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.setAutoCommit(true);
            }
            try {
                action.run(c);
            } finally {
                if (!auto) {
                    c.setAutoCommit(false);
                }
            }
            return null;
        });
    }
}
