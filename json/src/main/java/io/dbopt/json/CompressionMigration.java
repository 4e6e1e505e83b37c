package io.dbopt.json;

import io.dbopt.core.Checks;
import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.json.chunk.Checkpoints;
import io.dbopt.json.chunk.ChunkedJob;
import io.dbopt.json.chunk.KeyColumn;
import io.dbopt.json.codec.ColumnKinds;
import io.dbopt.json.codec.CompressColumnWork;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Compresses an existing column in place, in chunks of rows in key order, each chunk one short transaction with its
 * rows locked, resumable: the last key done is committed with each chunk in the checkpoint table (job
 * {@code compress:<table.column>}), so a run stopped by a failure, a lock timeout or a restart continues after the
 * last committed chunk when run again; rows already compressed are left alone. Binary columns get the binary form,
 * text columns the text form ({@link ColumnEncoding}); JSON columns are refused. Readers see plain and compressed rows
 * side by side meanwhile, so read through {@link CompressedColumn} before starting.
 *
 * <pre>{@code
 * JobResult r = compressor.migration(ColumnRef.of("documents", "content")).chunkSize(500).run();
 * r.ratio();   // bytes after / before for the rows done
 * }</pre>
 *
 * <p>Not thread-safe; several instances may run the same migration at once (they take turns per chunk).
 */
public final class CompressionMigration {

    private final JsonCompressor compressor;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final ColumnRef column;
    private int chunkSize;
    private Duration pause;
    private Duration lockTimeout;
    private String checkpointTable;
    private String keyColumn;

    CompressionMigration(JsonCompressor compressor, DataSource dataSource, Dialect dialect, ColumnRef column,
                         io.dbopt.core.config.DbOptConfig config) {
        this.compressor = compressor;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.column = Objects.requireNonNull(column, "column");
        this.chunkSize = config.get(JsonKeys.CHUNK_SIZE);
        this.pause = config.get(JsonKeys.CHUNK_PAUSE);
        this.lockTimeout = config.get(JsonKeys.LOCK_TIMEOUT);
        this.checkpointTable = config.get(JsonKeys.CHECKPOINT_TABLE);
    }

    /** The unique column to walk the table by; default its one-column primary key. */
    public CompressionMigration keyColumn(String value) {
        this.keyColumn = Checks.notBlank("keyColumn", value);
        return this;
    }

    /** Rows per chunk ({@code json.job.chunk_size}). */
    public CompressionMigration chunkSize(int value) {
        this.chunkSize = Checks.positive("chunkSize", value);
        return this;
    }

    /** Pause between chunks ({@code json.job.pause}). */
    public CompressionMigration pause(Duration value) {
        this.pause = Checks.notNegative("pause", value);
        return this;
    }

    /** Longest wait for a row lock before the run stops ({@code json.job.lock_timeout}). */
    public CompressionMigration lockTimeout(Duration value) {
        this.lockTimeout = Checks.positive("lockTimeout", value);
        return this;
    }

    /** The checkpoint table ({@code json.job.checkpoint_table}). */
    public CompressionMigration checkpointTable(String value) {
        this.checkpointTable = Checks.notBlank("checkpointTable", value);
        return this;
    }

    /** The job's name in the checkpoint table. */
    public String jobName() {
        return "compress:" + column;
    }

    /**
     * Runs (or resumes) the migration to the end.
     *
     * @throws io.dbopt.core.DbOptException {@link JsonErrorCode#UNSUPPORTED_COLUMN} for a JSON column or a table
     *     without a usable key; {@link JsonErrorCode#JOB_FAILED} when a chunk fails (it is rolled back; rerun to
     *     resume)
     */
    public JobResult run() {
        record Setup(KeyColumn key, ColumnEncoding encoding) {
        }
        Setup setup = Jdbc.withConnection(dataSource, "inspecting " + column, c -> new Setup(
                KeyColumn.of(c, dialect, column, keyColumn), ColumnKinds.encodingOf(c, dialect, column)));
        CompressedColumn codec = compressor.column(column, setup.encoding());
        return job().run(new CompressColumnWork(dialect, column, setup.key(), setup.encoding(), codec::encode));
    }

    /** Forgets the checkpoint, so that the next run starts from the first row (compressed rows are still skipped). */
    public void restart() {
        job().restart();
    }

    private ChunkedJob job() {
        return new ChunkedJob(dataSource, dialect, new Checkpoints(dialect, checkpointTable), jobName(),
                "compression", chunkSize, pause, lockTimeout, compressor.instruments());
    }
}
