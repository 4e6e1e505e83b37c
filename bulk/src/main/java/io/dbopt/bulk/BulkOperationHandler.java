package io.dbopt.bulk;

import io.dbopt.bulk.archive.ArchiveJob;
import io.dbopt.bulk.archive.ArchivePlan;
import io.dbopt.bulk.archive.ArchiveResult;
import io.dbopt.bulk.archive.Archiver;
import io.dbopt.bulk.chunk.ChunkManager;
import io.dbopt.bulk.chunk.ChunkSettings;
import io.dbopt.bulk.chunk.ChunkedJob;
import io.dbopt.bulk.chunk.JobResult;
import io.dbopt.bulk.load.BatchProcessor;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.LoadResult;
import io.dbopt.bulk.load.LoadSettings;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.bulk.progress.Progress;
import io.dbopt.bulk.progress.ProgressListener;
import io.dbopt.bulk.progress.ProgressTracker;
import io.dbopt.bulk.throttle.BusySignal;
import io.dbopt.bulk.throttle.BusySignals;
import io.dbopt.bulk.throttle.Throttle;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DatabaseUrl;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.DataSources;
import io.dbopt.core.jdbc.OwnedDataSource;
import io.dbopt.core.metrics.MetricsRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dbopt-bulk's entry point: loads at COPY speed ({@link #batchProcessor()}), chunked resumable jobs
 * ({@link #chunkManager()}), archival ({@link #archiver()}) and their progress ({@link #progress()}), with one
 * configuration (section {@code bulk}, {@link BulkKeys}), meters {@code dbopt.bulk.*} ({@link BulkMeters}), a metrics
 * snapshot and a health check.
 *
 * <pre>{@code
 * try (BulkOperationHandler bulk = BulkOperationHandler.create(config, applicationDataSource)) {
 *     LoadResult r = bulk.load(LoadRequest.into("orders", ORDERS), RowSource.of(orders));
 *     JobResult j = bulk.run(ChunkedJob.delete("sessions", "purge-sessions").where("expires_at < now()").build());
 * }
 * }</pre>
 *
 * <p>With {@code database.url} set, loads open connections of their own (pgjdbc {@code reWriteBatchedInserts},
 * MariaDB {@code allowLocalInfile} and bulk statements), never changing the application's pool; without it, they use
 * the data source (and MariaDB loads use batched INSERTs). Thread-safe. {@link #close()} stops scheduled archive runs
 * and closes what the handler opened (the data source when created from the configuration alone, and its meters);
 * the application's data source stays open.
 */
public final class BulkOperationHandler implements DbOptComponent<BulkMetrics> {

    private static final Logger LOG = LoggerFactory.getLogger(BulkOperationHandler.class);

    private final String name;
    private final DataSource dataSource;
    private final OwnedDataSource owned;
    private final Dialect dialect;
    private final ProgressTracker progress;
    private final BulkStatistics statistics;
    private final MetricsRecorder recorder;
    private final BatchProcessor batchProcessor;
    private final ChunkManager chunkManager;
    private final Archiver archiver;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BulkOperationHandler(Builder b, DataSource dataSource, OwnedDataSource owned) {
        DbOptConfig config = b.config;
        this.name = b.name;
        this.dataSource = dataSource;
        this.owned = owned;
        this.dialect = DatabaseInfo.detect(dataSource).dialect();
        this.recorder = b.metrics != null ? b.metrics
                : b.meterRegistry != null ? MetricsRecorder.micrometer(b.meterRegistry) : MetricsRecorder.noop();
        this.progress = new ProgressTracker();
        this.statistics = new BulkStatistics(recorder, progress::running);
        progress.addListener(statistics);
        b.listeners.forEach(progress::addListener);
        Optional<DatabaseUrl> ownUrl = b.ownConnections ? config.database() : Optional.empty();
        String checkpoint = config.get(BulkKeys.CHECKPOINT_TABLE);
        this.batchProcessor = new BatchProcessor(new LoadSettings(dataSource, ownUrl, dialect, progress, checkpoint,
                config.get(BulkKeys.CHUNK_ROWS), config.get(BulkKeys.CHUNK_BYTES),
                config.get(BulkKeys.BINARY_MIN_ROWS), config.get(BulkKeys.MAX_ERRORS),
                config.get(BulkKeys.SHOW_VALUES), config.get(BulkKeys.STATEMENT_TIMEOUT),
                config.get(BulkKeys.RETRY_ATTEMPTS), config.get(BulkKeys.RETRY_BACKOFF)));
        this.chunkManager = new ChunkManager(new ChunkSettings(dataSource, dialect, progress, checkpoint,
                config.get(BulkKeys.CHUNK_SIZE), config.get(BulkKeys.CHUNK_MIN_SIZE),
                config.get(BulkKeys.CHUNK_MAX_SIZE), config.get(BulkKeys.CHUNK_TARGET_TIME),
                config.get(BulkKeys.WORKERS), throttle(b, config, dataSource), config.get(BulkKeys.STATEMENT_TIMEOUT),
                config.get(BulkKeys.RETRY_ATTEMPTS), config.get(BulkKeys.RETRY_BACKOFF)));
        this.archiver = new Archiver(dataSource, dialect, chunkManager);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dbopt-bulk-" + name + "-scheduler");
            t.setDaemon(true);
            return t;
        });
        LOG.info("{} - bulk operations ready on {} ({})", name, dialect.product(),
                ownUrl.isPresent() ? "loads on own connections" : "loads on the application's data source");
    }

    private static Throttle throttle(Builder b, DbOptConfig config, DataSource dataSource) {
        Throttle t = b.throttle != null ? b.throttle : Throttle.none()
                .withPause(config.get(BulkKeys.THROTTLE_PAUSE))
                .withMaxRowsPerSecond(config.get(BulkKeys.THROTTLE_MAX_ROWS_PER_SECOND))
                .withBusyPoll(config.get(BulkKeys.THROTTLE_BUSY_POLL));
        Optional<Duration> lag = config.find(BulkKeys.THROTTLE_MAX_REPLICATION_LAG);
        if (lag.isPresent()) {
            t = t.withBusySignal(BusySignals.replicationLag(dataSource, lag.get()));
        }
        Optional<Duration> age = config.find(BulkKeys.THROTTLE_MAX_TRANSACTION_AGE);
        if (age.isPresent()) {
            t = t.withBusySignal(BusySignals.longTransactions(dataSource, age.get()));
        }
        for (BusySignal s : b.busySignals) {
            t = t.withBusySignal(s);
        }
        return t;
    }

    /**
     * A handler for {@code database.url}, on a data source it opens (a dbopt pool when dbopt-pool is on the class
     * path) and closes.
     *
     * @throws io.dbopt.core.DbOptException when the configuration has no database or it cannot be reached
     */
    public static BulkOperationHandler create(DbOptConfig config) {
        return builder().config(config).build();
    }

    /** A handler on the application's data source, configured from {@code config}. */
    public static BulkOperationHandler create(DbOptConfig config, DataSource dataSource) {
        return builder().config(config).dataSource(dataSource).build();
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loads rows; see {@link BatchProcessor#load(LoadRequest, RowSource)}. */
    public <T> LoadResult load(LoadRequest<T> request, RowSource<? extends T> source) {
        return batchProcessor.load(request, source);
    }

    /** Runs (or resumes) a chunked job; see {@link ChunkManager#run(ChunkedJob)}. */
    public JobResult run(ChunkedJob job) {
        return chunkManager.run(job);
    }

    /** Runs (or resumes) an archive job; see {@link Archiver#run(ArchiveJob)}. */
    public ArchiveResult archive(ArchiveJob job) {
        return archiver.run(job);
    }

    /** What an archive job would move now; see {@link Archiver#plan(ArchiveJob)}. */
    public ArchivePlan planArchive(ArchiveJob job) {
        return archiver.plan(job);
    }

    /** Runs an archive job every {@code period} until the future is cancelled or the handler closed. */
    public ScheduledFuture<?> scheduleArchive(ArchiveJob job, Duration period) {
        return archiver.schedule(job, period, scheduler);
    }

    /** The loader. */
    public BatchProcessor batchProcessor() {
        return batchProcessor;
    }

    /** The chunked-job runner. */
    public ChunkManager chunkManager() {
        return chunkManager;
    }

    /** The archiver. */
    public Archiver archiver() {
        return archiver;
    }

    /** The progress of every job and load of this handler. */
    public ProgressTracker progress() {
        return progress;
    }

    /** The server the handler works on. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String componentName() {
        return "bulk";
    }

    @Override
    public BulkMetrics metrics() {
        return statistics.snapshot(progress.running());
    }

    /** UP; DEGRADED while the last run of a failed job has not been followed by a successful one. Never blocks. */
    @Override
    public Health healthCheck() {
        BulkMetrics m = metrics();
        Health.Builder h = Health.builder(componentName()).detail("jobs_running", m.jobsRunning())
                .detail("jobs_failed", m.jobsFailed()).detail("rows", m.rows())
                .detail("rows_rejected", m.rowsRejected());
        if (closed.get()) {
            return h.status(HealthStatus.DOWN).detail("error", "closed").build();
        }
        Progress failed = statistics.lastFailure.get();
        if (failed != null) {
            h.finding(Finding.builder("bulk.job-failed", Severity.WARNING)
                    .object(DbObject.of(ObjectType.TABLE, failed.job()))
                    .message("Bulk job '" + failed.job() + "' (" + failed.kind() + ") stopped after "
                            + failed.rowsDone() + " rows: run it again with the same id to resume")
                    .evidence("rows_done", failed.rowsDone())
                    .evidence("rows_rejected", failed.rowsRejected())
                    .build());
        }
        return h.build();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        chunkManager.runningJobs().forEach(chunkManager::cancel);
        try {
            batchProcessor.close();
            recorder.close();
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
        LOG.info("{} - bulk operations closed", name);
    }

    /**
     * Builds a {@link BulkOperationHandler}. Each setter validates at once; {@link #build()} connects to detect the
     * server. Not thread-safe.
     */
    public static final class Builder {
        private DbOptConfig config = DbOptConfig.empty();
        private DataSource dataSource;
        private Object meterRegistry;
        private MetricsRecorder metrics;
        private Throttle throttle;
        private final List<BusySignal> busySignals = new ArrayList<>();
        private final List<ProgressListener> listeners = new ArrayList<>();
        private String name = "bulk";
        private boolean ownConnections = true;

        private Builder() {
        }

        /** The configuration (section {@code bulk}, and {@code database.*} for the loader's own connections). */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** The application's data source; without it, one is opened for {@code database.url} and closed with us. */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /** A Micrometer {@code MeterRegistry} for the {@code dbopt.bulk.*} meters. */
        public Builder meterRegistry(Object value) {
            this.meterRegistry = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /** A metrics recorder (instead of a registry). */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** The throttle of chunked jobs (instead of the {@code bulk.throttle.*} settings). */
        public Builder throttle(Throttle value) {
            this.throttle = Objects.requireNonNull(value, "throttle");
            return this;
        }

        /**
         * One more busy signal for chunked jobs, e.g. {@code BusySignals.unhealthy(pool)} to pause while the
         * application's pool is saturated.
         */
        public Builder busySignal(BusySignal value) {
            this.busySignals.add(Objects.requireNonNull(value, "busySignal"));
            return this;
        }

        /** A listener for every job's progress (the CLI's progress bar). */
        public Builder progressListener(ProgressListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** The name logs show ({@code bulk} unless set). */
        public Builder name(String value) {
            this.name = io.dbopt.core.Checks.notBlank("name", value);
            return this;
        }

        /**
         * Whether loads open connections of their own when {@code database.url} is set (default true); false keeps
         * every load on the data source (MariaDB then loads with batched INSERTs).
         */
        public Builder ownConnections(boolean value) {
            this.ownConnections = value;
            return this;
        }

        /**
         * Builds the handler.
         *
         * @throws io.dbopt.core.DbOptException when neither a data source nor {@code database.url} is given, or the
         *     database cannot be reached
         */
        public BulkOperationHandler build() {
            if (dataSource != null) {
                return new BulkOperationHandler(this, dataSource, null);
            }
            OwnedDataSource ds = DataSources.open(config);
            try {
                return new BulkOperationHandler(this, ds, ds);
            } catch (RuntimeException e) {
                ds.close();
                throw e;
            }
        }
    }
}
