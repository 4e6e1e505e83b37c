package io.dbopt.json;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.DataSources;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.OwnedDataSource;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.json.advice.StorageAdvisor;
import io.dbopt.json.metrics.JsonInstruments;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dbopt-json's entry point: JSON index advice ({@link #indexer()}), result-preserving JSON path rewrites
 * ({@link #pathOptimizer()}), the document codec ({@link #compressor()}) with server-side compression advice
 * ({@link #compressionAdvice}), and diff-based change history ({@link #history()}), on one configuration (section
 * {@code json}, {@link JsonKeys}) and one set of meters ({@link JsonMeters}).
 *
 * <pre>{@code
 * try (JsonFieldOptimizer json = JsonFieldOptimizer.create(config, dataSource)) {
 *     json.indexer().recommend(workload);                          // index advice, one list with dbopt-index's
 *     json.pathOptimizer().rewrite(sql);                           // ->> to @>, functions to operators, ...
 *     CompressedColumn body = json.compressor().column(ColumnRef.of("docs", "body"), ColumnEncoding.BINARY);
 *     json.history().record(Change.text("doc-1", html).by("alice"));
 *     JsonMetrics m = json.metrics();
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} frees the codec's native contexts and, when the optimizer opened its data source
 * itself ({@link #create(DbOptConfig)}), closes it; a data source given to it stays open.
 */
public final class JsonFieldOptimizer implements DbOptComponent<JsonMetrics> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonFieldOptimizer.class);

    private final DataSource dataSource;
    private final OwnedDataSource owned;
    private final DbOptConfig config;
    private final Dialect dialect;
    private final JsonInstruments instruments;
    private final boolean ownsInstruments;
    private final JsonCompressor compressor;
    private final JsonIndexer indexer;
    private final JsonPathOptimizer pathOptimizer;
    private volatile ChangeHistory history;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JsonFieldOptimizer(Builder b) {
        this.owned = b.owned;
        this.dataSource = b.dataSource;
        this.config = b.config;
        this.dialect = b.dialect != null ? b.dialect : DatabaseInfo.detect(dataSource).dialect();
        this.instruments = new JsonInstruments(b.metrics != null ? b.metrics : MetricsRecorder.noop());
        this.ownsInstruments = b.ownsMetrics;
        this.compressor = JsonCompressor.builder().config(config).dataSource(dataSource).dialect(dialect)
                .instruments(instruments).build();
        this.indexer = new JsonIndexer(dataSource, dialect, config);
        this.pathOptimizer = JsonPathOptimizer.create(config, dataSource);
        LOG.info("json - created on {}", dialect);
    }

    /** An optimizer on the database of {@code database.url}, which it opens (and closes on {@link #close()}). */
    public static JsonFieldOptimizer create(DbOptConfig config) {
        OwnedDataSource ds = DataSources.open(config);
        try {
            Builder b = builder(ds).config(config);
            b.owned = ds;
            return b.build();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** An optimizer on the application's data source (which stays the caller's to close). */
    public static JsonFieldOptimizer create(DbOptConfig config, DataSource dataSource) {
        return builder(dataSource).config(config).build();
    }

    /** Starts a configuration on a data source. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** JSON index advice from a workload. */
    public JsonIndexer indexer() {
        return indexer;
    }

    /** Result-preserving JSON path rewrites. */
    public JsonPathOptimizer pathOptimizer() {
        return pathOptimizer;
    }

    /** The document codec (dictionaries in {@code json.compression.dictionary_table}). */
    public JsonCompressor compressor() {
        return compressor;
    }

    /** The change history in {@code json.history.table}, created on first use. */
    public ChangeHistory history() {
        ChangeHistory h = history;
        if (h == null) {
            synchronized (this) {
                h = history;
                if (h == null) {
                    h = ChangeHistory.builder(dataSource).config(config).dialect(dialect).compressor(compressor)
                            .build();
                    history = h;
                }
            }
        }
        return h;
    }

    /** A change history in another table. */
    public ChangeHistory history(String table) {
        return ChangeHistory.builder(dataSource).config(config).dialect(dialect).compressor(compressor).table(table)
                .build();
    }

    /**
     * How a column is stored and what would store it better.
     *
     * @throws io.dbopt.core.DbOptException {@link JsonErrorCode#UNSUPPORTED_COLUMN} when it is not a text, JSON or
     *     binary column of a table
     */
    public CompressionAdvice compressionAdvice(ColumnRef column) {
        StorageAdvisor advisor = new StorageAdvisor(dialect, config.get(JsonKeys.STATEMENT_TIMEOUT),
                config.get(JsonKeys.SAMPLE_ROWS));
        return Jdbc.withConnection(dataSource, "measuring " + column, c -> {
            ColumnStorage s = advisor.measure(c, column).orElseThrow(() -> new io.dbopt.core.DbOptException(
                    JsonErrorCode.UNSUPPORTED_COLUMN, "Column " + column + " is not a text, JSON or binary column of "
                    + "a table in the current schema: check its name"));
            return new CompressionAdvice(s, advisor.findings(List.of(s), 0, advisor.lz4Available(c)));
        });
    }

    /** The server's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String componentName() {
        return "json";
    }

    @Override
    public JsonMetrics metrics() {
        return new JsonMetrics(Instant.now(), instruments.compressions(), instruments.decompressions(),
                instruments.bytesIn(), instruments.bytesOut(), instruments.failures(), instruments.diffs(),
                instruments.snapshots(), instruments.roundTripFailures(), instruments.jobRows());
    }

    /**
     * UP; DEGRADED when stored values failed to read back (corrupt, oversized, unknown dictionary); DOWN when the
     * database does not answer a validity check within 2 s (after the data source hands out a connection).
     */
    @Override
    public Health healthCheck() {
        JsonMetrics m = metrics();
        Health.Builder h = Health.builder(componentName()).detail("compressions", m.compressions())
                .detail("compression_ratio", m.compressionRatio()).detail("decompress_failures",
                        m.decompressFailures()).detail("history_versions", m.historyDiffs() + m.historySnapshots());
        if (m.decompressFailures() > 0) {
            h.finding(Finding.builder("json.decompress-failures", Severity.WARNING)
                    .object(DbObject.of(io.dbopt.core.finding.ObjectType.OTHER, "json codec"))
                    .message(m.decompressFailures() + " stored value(s) could not be read back")
                    .evidence("failures", m.decompressFailures())
                    .fix(Fix.advice("See the JSON_* error codes in the application log: restore corrupt values, "
                            + "keep every dictionary row, or raise json.compression.max_value_size"))
                    .build());
        }
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(2)) {
                h.status(HealthStatus.DOWN).detail("error", "the database did not answer within 2 s");
            }
        } catch (SQLException e) {
            h.status(HealthStatus.DOWN).detail("error", "no connection (" + io.dbopt.core.SqlErrors.classify(e) + ")");
        }
        return h.build();
    }

    /** Frees native zstd contexts and dictionaries, removes owned meters, closes an owned data source; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        compressor.close();
        if (ownsInstruments) {
            instruments.close();
        }
        if (owned != null) {
            owned.close();
        }
        LOG.info("json - closed");
    }

    /**
     * Configures a {@link JsonFieldOptimizer}; unset values come from {@link JsonKeys}. Not thread-safe.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private OwnedDataSource owned;
        private DbOptConfig config = DbOptConfig.empty();
        private Dialect dialect;
        private MetricsRecorder metrics;
        private boolean ownsMetrics;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Reads the {@code json} section. */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** The server's dialect, when known (saves detecting it). */
        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /** Records meters through this recorder (the caller keeps owning it). */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            this.ownsMetrics = false;
            return this;
        }

        /** Records meters into a Micrometer {@code MeterRegistry}; they are removed on {@link #close()}. */
        public Builder meterRegistry(Object registry) {
            this.metrics = MetricsRecorder.micrometer(registry);
            this.ownsMetrics = true;
            return this;
        }

        /** Builds the optimizer; detects the server with one connection when no dialect was given. */
        public JsonFieldOptimizer build() {
            return new JsonFieldOptimizer(this);
        }
    }
}
