package io.dbopt.bulk.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every running bulk job: rows done, total, rate, ETA, per job and per chunk, and tells its
 * {@link ProgressListener}s. Jobs report through the {@link JobProgress} handle {@link #start} returns. A finished
 * job stays visible in {@link #jobs()} until another job of the same name starts or 100 newer jobs finished. Thread-safe.
 */
public final class ProgressTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);

    /** Finished jobs beyond this many are forgotten, oldest first. */
    static final int KEPT_JOBS = 100;

    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, JobProgress> jobs = new ConcurrentHashMap<>();

    /** A tracker with no listener. */
    public ProgressTracker() {
    }

    /** Adds a listener; it hears every job started afterwards and the chunks of running ones. */
    public ProgressTracker addListener(ProgressListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Removes a listener. */
    public void removeListener(ProgressListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts tracking a job.
     *
     * @param job the job's name (a meter tag: keep the set of names small)
     * @param kind what it does ({@code load}, {@code update}, ...)
     * @param total the rows expected, when known
     * @param estimated whether {@code total} is an estimate
     */
    public JobProgress start(String job, String kind, OptionalLong total, boolean estimated) {
        JobProgress p = new JobProgress(this, job, kind, total, estimated);
        jobs.put(job, p);
        if (jobs.size() > KEPT_JOBS) {
            // recurring jobs get a new name per run: forget the oldest finished ones
            jobs.values().stream().map(JobProgress::snapshot).filter(s -> s.state() != Progress.State.RUNNING)
                    .sorted(java.util.Comparator.comparing(Progress::startedAt)).limit(jobs.size() - KEPT_JOBS)
                    .forEach(s -> jobs.remove(s.job()));
        }
        fire(l -> l.onStart(p.snapshot()));
        return p;
    }

    /** Every job started on this tracker, running or not, by name. */
    public List<Progress> jobs() {
        List<Progress> all = new ArrayList<>();
        jobs.values().forEach(j -> all.add(j.snapshot()));
        return all;
    }

    /** How many jobs are running. */
    public int running() {
        return (int) jobs.values().stream().filter(j -> j.snapshot().state() == Progress.State.RUNNING).count();
    }

    void chunk(JobProgress p, long rows, Duration time) {
        Progress s = p.snapshot();
        fire(l -> l.onChunk(s, rows, time));
    }

    void rejected(JobProgress p, long rows) {
        Progress s = p.snapshot();
        fire(l -> l.onRejected(s, rows));
    }

    void throttled(JobProgress p, Duration paused, String reason) {
        Progress s = p.snapshot();
        fire(l -> l.onThrottle(s, paused, reason));
    }

    void finished(JobProgress p) {
        Progress s = p.snapshot();
        fire(l -> l.onFinish(s));
    }

    private void fire(java.util.function.Consumer<ProgressListener> call) {
        for (ProgressListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("bulk - progress listener {} failed: {}", l.getClass().getName(), e.toString(), e);
            }
        }
    }
}
