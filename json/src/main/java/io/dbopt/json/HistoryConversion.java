package io.dbopt.json;

import io.dbopt.core.Checks;
import io.dbopt.core.Dialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.json.chunk.Checkpoints;
import io.dbopt.json.chunk.ChunkedJob;
import io.dbopt.json.chunk.KeyColumn;
import io.dbopt.json.history.ConvertHistoryWork;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Converts an existing table of full copies ({@link FullCopyTable}) into a {@link ChangeHistory}, in chunks of
 * documents in id order, each chunk one transaction that records every copy of its documents (oldest first) as
 * versions; resumable through the checkpoint table (job {@code history:<source>-><history table>}). The source is
 * only read: drop or truncate it yourself once {@link ChangeHistory#stats()} and a few {@code content(...)} reads
 * look right.
 *
 * <pre>{@code
 * JobResult r = history.conversion(FullCopyTable.of("document_history", "document_id", "content", "changed_at")
 *         .author("changed_by")).run();
 * r.ratio();   // stored bytes of the diffs / bytes of the copies
 * }</pre>
 *
 * <p>Not thread-safe; several instances may run the same conversion (they take turns per chunk).
 */
public final class HistoryConversion {

    private final ChangeHistory history;
    private final FullCopyTable source;
    private final DataSource dataSource;
    private final Dialect dialect;
    private int chunkSize;
    private Duration pause;
    private Duration lockTimeout;
    private String checkpointTable;

    HistoryConversion(ChangeHistory history, FullCopyTable source, DataSource dataSource, Dialect dialect,
                      DbOptConfig config) {
        this.history = history;
        this.source = Objects.requireNonNull(source, "source");
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.chunkSize = Math.max(1, config.get(JsonKeys.CHUNK_SIZE) / 10);
        this.pause = config.get(JsonKeys.CHUNK_PAUSE);
        this.lockTimeout = config.get(JsonKeys.LOCK_TIMEOUT);
        this.checkpointTable = config.get(JsonKeys.CHECKPOINT_TABLE);
    }

    /** Documents per chunk (default a tenth of {@code json.job.chunk_size}: each brings all its copies). */
    public HistoryConversion chunkSize(int value) {
        this.chunkSize = Checks.positive("chunkSize", value);
        return this;
    }

    /** Pause between chunks ({@code json.job.pause}). */
    public HistoryConversion pause(Duration value) {
        this.pause = Checks.notNegative("pause", value);
        return this;
    }

    /** Longest wait for a row lock ({@code json.job.lock_timeout}). */
    public HistoryConversion lockTimeout(Duration value) {
        this.lockTimeout = Checks.positive("lockTimeout", value);
        return this;
    }

    /** The checkpoint table ({@code json.job.checkpoint_table}). */
    public HistoryConversion checkpointTable(String value) {
        this.checkpointTable = Checks.notBlank("checkpointTable", value);
        return this;
    }

    /** The job's name in the checkpoint table. */
    public String jobName() {
        return "history:" + (source.schema().isEmpty() ? "" : source.schema() + ".") + source.table() + "->"
                + history.table();
    }

    /**
     * Runs (or resumes) the conversion to the end.
     *
     * @throws io.dbopt.core.DbOptException {@link JsonErrorCode#JOB_FAILED} when a chunk fails (it is rolled back;
     *     rerun to resume), including for a document that already has versions in the history
     */
    public JobResult run() {
        history.ensureTables();
        KeyColumn document = Jdbc.withConnection(dataSource, "inspecting " + source.table(),
                c -> KeyColumn.of(c, dialect, source.documentRef(), source.documentColumn()));
        JsonCompressor compressor = history.compressor();
        return job().run(new ConvertHistoryWork(dialect, source, document, history.engine(),
                stored -> compressor.decodeAny(stored, source.table() + "." + source.contentColumn())));
    }

    /** Forgets the checkpoint, so that the next run starts from the first document. */
    public void restart() {
        job().restart();
    }

    private ChunkedJob job() {
        return new ChunkedJob(dataSource, dialect, new Checkpoints(dialect, checkpointTable), jobName(), "history",
                chunkSize, pause, lockTimeout, history.compressor().instruments());
    }
}
