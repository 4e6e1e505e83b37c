package io.dbopt.bulk.chunk;

import io.dbopt.bulk.checkpoint.CheckpointTable;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.bulk.progress.JobProgress;
import io.dbopt.bulk.throttle.Throttle;
import io.dbopt.bulk.throttle.Throttler;
import io.dbopt.core.DbOptException;
import io.dbopt.core.jdbc.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs chunked, resumable jobs ({@link ChunkedJob}) by key ranges with a checkpoint table: a job killed at any point
 * resumes exactly where it stopped, with no chunk done twice and none skipped, because each chunk's work and its
 * "done" mark commit in one transaction. Chunk size adapts to a target time; throttling by pause, rate ceiling and
 * busy signals; several workers (threads, or application instances running the same job id) share a job through
 * the checkpoint table.
 *
 * <p>Thread-safe; {@link #run} blocks until the job is done, failed or cancelled. It throws {@link DbOptException}
 * with {@link BulkErrorCode#CHUNK_FAILED} (a chunk kept failing), {@code CHECKPOINT_CONFLICT} (the id is taken by
 * another definition), {@code CANCELLED} ({@link #cancel} or an interrupt), {@code INVALID_REQUEST}; committed chunks
 * stay, and running the job again resumes it.
 */
public final class ChunkManager {

    private final ChunkSettings settings;
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

    /** A manager working with these settings (the handler builds it). */
    public ChunkManager(ChunkSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs (or resumes) a job to its end.
     *
     * @throws DbOptException as the class says
     */
    public JobResult run(ChunkedJob job) {
        Objects.requireNonNull(job, "job");
        long t0 = System.nanoTime();
        AtomicBoolean cancelled = new AtomicBoolean();
        if (running.putIfAbsent(job.id(), cancelled) != null) {
            throw new DbOptException(BulkErrorCode.INVALID_REQUEST, "Job '" + job.id() + "' is already running in "
                    + "this process: wait for it, or give this run another id");
        }
        try {
            JobSql sql = new JobSql(job, settings.dialect());
            CheckpointTable checkpoint = new CheckpointTable(settings.dialect(), settings.checkpointTable());
            long[] opened = Jdbc.withConnection(settings.dataSource(), "opening job '" + job.id() + "'", c -> {
                checkpoint.ensureExists(c);
                c.setAutoCommit(false);
                try {
                    long[] bounds = sql.bounds(c);
                    c.commit();
                    CheckpointTable.Header h = checkpoint.open(c, job.id(), fingerprint(job), bounds[0], bounds[1]);
                    CheckpointTable.Summary s = checkpoint.summary(c, job.id());
                    c.commit();
                    return new long[] {s.rowsDone(), job.where().isEmpty() ? sql.estimatedRows(c) : -1, h.lo(),
                            h.hi()};
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            });
            OptionalLong total = opened[1] >= 0 ? OptionalLong.of(opened[1]) : OptionalLong.empty();
            JobProgress progress = settings.progress().start(job.id(), job.kindLabel(), total, true);
            progress.alreadyDone(opened[0], 0);
            Throttle throttle = job.throttle != null ? job.throttle : settings.throttle();
            ChunkSizer sizer = new ChunkSizer(job.chunkSizeSet().orElse(settings.chunkSize()),
                    settings.minChunkSize(), settings.maxChunkSize(),
                    job.targetChunkTime != null ? job.targetChunkTime : settings.targetChunkTime());
            Throttler throttler = new Throttler(throttle, progress, cancelled::get);
            JobRun run = new JobRun(settings, job, new JobSql(job, settings.dialect()).work(), checkpoint, progress,
                    cancelled, sizer, throttler);
            boolean ok = false;
            long[] r;
            try {
                r = run.run(job.workers != null ? job.workers : settings.workers());
                if (cancelled.get()) {
                    throw new DbOptException(BulkErrorCode.CANCELLED, "Job '" + job.id() + "' was cancelled: run it "
                            + "again to resume");
                }
                ok = true;
            } finally {
                progress.finish(ok);
            }
            long all = Jdbc.withConnection(settings.dataSource(), "finishing job '" + job.id() + "'", c -> {
                c.setAutoCommit(false);
                try {
                    CheckpointTable.Summary s = checkpoint.summary(c, job.id());
                    if (s.pending() == 0) {
                        checkpoint.finish(c, job.id());
                    }
                    c.commit();
                    return s.rowsDone();
                } finally {
                    c.setAutoCommit(true);
                }
            });
            return new JobResult(job.id(), r[0], all, r[1], r[2], Duration.ofNanos(System.nanoTime() - t0),
                    Duration.ofNanos(r[3]), sizer.size());
        } finally {
            running.remove(job.id());
        }
    }

    /** Asks a running job to stop after its current chunks; false when no job of that id runs here. */
    public boolean cancel(String jobId) {
        AtomicBoolean flag = running.get(jobId);
        if (flag == null) {
            return false;
        }
        flag.set(true);
        return true;
    }

    /** The ids of the jobs running in this process. */
    public java.util.Set<String> runningJobs() {
        return java.util.Set.copyOf(running.keySet());
    }

    /** Deletes a job's checkpoint rows, so that its id starts afresh; returns the rows deleted. */
    public int forget(String jobId) {
        CheckpointTable checkpoint = new CheckpointTable(settings.dialect(), settings.checkpointTable());
        return Jdbc.withConnection(settings.dataSource(), "forgetting job '" + jobId + "'", c -> {
            checkpoint.ensureExists(c);
            return checkpoint.forget(c, jobId);
        });
    }

    static String fingerprint(ChunkedJob job) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(job.definition()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

}
