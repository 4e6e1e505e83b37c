package io.dbopt.bulk.chunk;

import io.dbopt.bulk.checkpoint.CheckpointTable;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.bulk.progress.JobProgress;
import io.dbopt.bulk.throttle.Throttler;
import io.dbopt.core.DbOptException;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a chunked job: its workers claim pending chunks ({@code FOR UPDATE SKIP LOCKED}) or reserve the next
 * key range, do each chunk's work and mark it done in the same transaction. A worker whose connection breaks
 * retries on a new one (the server rolled its chunk back, and the chunk is pending again for anyone). A worker stops
 * when no key range is left and no chunk is pending; while chunks are pending but held by other workers (here or in
 * another process) it waits for them, so that a chunk left by a dead worker is still done.
 */
final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    private static final long WAIT_FOR_OTHERS_MILLIS = 100;

    private final ChunkSettings settings;
    private final ChunkedJob job;
    private final ChunkWork work;
    private final CheckpointTable checkpoint;
    private final JobProgress progress;
    private final AtomicBoolean cancelled;
    private final ChunkSizer sizer;
    private final Throttler throttler;
    private final boolean postgres;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final List<Long> chunkNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    JobRun(ChunkSettings settings, ChunkedJob job, ChunkWork work, CheckpointTable checkpoint, JobProgress progress,
           AtomicBoolean cancelled, ChunkSizer sizer, Throttler throttler) {
        this.settings = settings;
        this.job = job;
        this.work = work;
        this.checkpoint = checkpoint;
        this.progress = progress;
        this.cancelled = cancelled;
        this.sizer = sizer;
        this.throttler = throttler;
        this.postgres = settings.dialect().resourceFolder().equals("postgresql");
    }

    /** Runs the workers to the end; returns rows, chunks, retries and the median chunk time of this run. */
    long[] run(int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "dbopt-bulk-" + job.id());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int n = i;
                done.add(pool.submit(() -> worker(n)));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failure.compareAndSet(null, e.getCause() instanceof RuntimeException r ? r
                            : new DbOptException(BulkErrorCode.CHUNK_FAILED, "A worker of job '" + job.id()
                            + "' failed", e.getCause()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled.set(true);
            failure.compareAndSet(null, new DbOptException(BulkErrorCode.CANCELLED, "Interrupted while job '"
                    + job.id() + "' ran: run it again to resume", e));
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<Long> times;
        synchronized (chunkNanos) {
            times = new ArrayList<>(chunkNanos);
        }
        Collections.sort(times);
        long median = times.isEmpty() ? 0 : times.get(times.size() / 2);
        return new long[] {rows.get(), chunks.get(), retries.get(), median};
    }

    private String owner(int n) {
        String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        String o = host + "#" + n;
        return o.length() > 190 ? o.substring(0, 190) : o;
    }

    private void worker(int n) {
        String owner = owner(n);
        Connection c = null;
        int failures = 0;
        long lastRows = 0;
        try {
            while (!cancelled.get()) {
                try {
                    if (c == null) {
                        c = settings.dataSource().getConnection();
                        c.setAutoCommit(false);
                        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    }
                    throttler.beforeNextChunk(lastRows);
                    lastRows = 0;
                    Optional<CheckpointTable.Chunk> claim = checkpoint.claimPending(c, job.id());
                    if (claim.isEmpty()) {
                        c.commit();
                        if (checkpoint.reserveNext(c, job.id(), sizer.size(), owner).isPresent()) {
                            continue;
                        }
                        CheckpointTable.Summary s = checkpoint.summary(c, job.id());
                        c.commit();
                        if (s.pending() == 0) {
                            return;
                        }
                        Thread.sleep(WAIT_FOR_OTHERS_MILLIS);
                        continue;
                    }
                    lastRows = chunk(c, claim.get(), owner);
                    failures = 0;
                } catch (SQLException e) {
                    Connection broken = c;
                    c = null;
                    discard(broken, e);
                    ErrorKind kind = SqlErrors.classify(e);
                    if (!(kind.connectionBroken() || kind.retryable()) || failures >= settings.retryAttempts()) {
                        cancelled.set(true);
                        throw new DbOptException(BulkErrorCode.CHUNK_FAILED, "A chunk of job '" + job.id()
                                + "' on " + job.table() + " failed (" + kind + ", SQLState "
                                + SqlErrors.sqlState(e).orElse("none") + ")" + (failures > 0 ? " after " + failures
                                + " retries" : "") + ": committed chunks stay; run the job again to resume", e);
                    }
                    failures++;
                    retries.incrementAndGet();
                    long backoff = Math.min(30_000, settings.retryBackoff().toMillis() << Math.min(failures - 1, 10));
                    LOG.warn("{} - chunk failed ({}), retrying on a new connection in {} ms ({} of {})", job.id(),
                            kind, backoff, failures, settings.retryAttempts());
                    Thread.sleep(backoff);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled.set(true);
            throw new DbOptException(BulkErrorCode.CANCELLED, "Job '" + job.id() + "' was interrupted: run it again "
                    + "to resume", e);
        } finally {
            if (c != null) {
                close(c);
            }
        }
    }

    private long chunk(Connection c, CheckpointTable.Chunk claim, String owner) throws SQLException {
        long t0 = System.nanoTime();
        if (postgres) {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
                ps.setString(1, settings.statementTimeout().toMillis() + "ms");
                ps.execute();
            }
        }
        long n = work.apply(c, new KeyRange(claim.chunkNo(), claim.lo(), claim.hi()));
        checkpoint.markDone(c, job.id(), claim.chunkNo(), n, owner);
        c.commit();
        long nanos = System.nanoTime() - t0;
        sizer.observe(claim.hi() - claim.lo(), nanos);
        chunkNanos.add(nanos);
        rows.addAndGet(n);
        chunks.incrementAndGet();
        progress.chunkDone(n, Duration.ofNanos(nanos));
        return n;
    }

    private static void discard(Connection c, SQLException failure) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        try {
            c.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void close(Connection c) {
        try {
            try {
                c.rollback();
                c.setAutoCommit(true);
            } finally {
                c.close();
            }
        } catch (SQLException e) {
            LOG.warn("{} - closing a worker connection failed: {}", job.id(), e.toString());
        }
    }
}
