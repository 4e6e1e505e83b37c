package io.dbopt.json;

import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import io.dbopt.core.Checks;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.json.codec.DictionaryStore;
import io.dbopt.json.codec.Frame;
import io.dbopt.json.codec.LoadedDictionary;
import io.dbopt.json.codec.TextForm;
import io.dbopt.json.codec.ZstdCodec;
import io.dbopt.json.metrics.JsonInstruments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An application-side codec for document and JSON columns: zstd with optional trained dictionaries (stored and
 * versioned in a table), a self-describing header (format version, dictionary id, original length) and a size
 * threshold under which values stay plain. Reading is bounded: a value declaring or decompressing to more than
 * {@code json.compression.max_value_size}, a corrupt or truncated frame and an unknown dictionary are
 * {@link DbOptException}s ({@link JsonErrorCode#VALUE_TOO_LARGE}, {@link JsonErrorCode#CORRUPT_VALUE},
 * {@link JsonErrorCode#UNKNOWN_DICTIONARY}), never an {@link OutOfMemoryError}.
 *
 * <pre>{@code
 * try (JsonCompressor compressor = JsonCompressor.create(config, dataSource)) {
 *     compressor.trainDictionary(ColumnRef.of("documents", "content"));        // optional, versioned
 *     CompressedColumn content = compressor.column(ColumnRef.of("documents", "content"), ColumnEncoding.BINARY);
 *     content.write(ps, 1, html);            // compressed above 1,000 bytes
 *     String html = content.read(rs, "content");
 * }
 * }</pre>
 *
 * <p>Without a {@link DataSource} the compressor works without dictionaries. Server-side compression advice and the
 * in-place migration of an existing column are on {@link JsonFieldOptimizer}. Thread-safe; {@link #close()} frees
 * native zstd contexts and loaded dictionaries (it does not close the data source).
 */
public final class JsonCompressor implements AutoCloseable {

    private final ZstdCodec codec;
    private final DataSource dataSource;
    private final DictionaryStore dictionaries;
    private final long dictionarySize;
    private final int dictionarySamples;
    private final Duration statementTimeout;
    private final JsonInstruments instruments;
    private final boolean ownsInstruments;
    private final DbOptConfig config;
    private volatile Dialect dialect;

    private JsonCompressor(Builder b) {
        DbOptConfig c = b.config;
        this.config = c;
        this.instruments = b.instruments != null ? b.instruments
                : new JsonInstruments(b.metrics != null ? b.metrics : MetricsRecorder.noop());
        this.ownsInstruments = b.instruments == null && b.ownsMetrics;
        this.codec = new ZstdCodec(b.level != null ? b.level : c.get(JsonKeys.COMPRESSION_LEVEL),
                b.minSize != null ? b.minSize : c.get(JsonKeys.COMPRESSION_MIN_SIZE),
                b.maxValueSize != null ? b.maxValueSize : c.get(JsonKeys.MAX_VALUE_SIZE), instruments);
        this.dataSource = b.dataSource;
        this.dialect = b.dialect;
        this.dictionarySize = c.get(JsonKeys.DICTIONARY_SIZE);
        this.dictionarySamples = c.get(JsonKeys.DICTIONARY_SAMPLES);
        this.statementTimeout = c.get(JsonKeys.STATEMENT_TIMEOUT);
        this.dictionaries = dataSource == null ? null : new DictionaryStore(dataSource, dialect(),
                b.dictionaryTable != null ? b.dictionaryTable : c.get(JsonKeys.DICTIONARY_TABLE), statementTimeout);
    }

    /** A compressor without dictionaries, configured from {@code json.compression.*}. */
    public static JsonCompressor create(DbOptConfig config) {
        return builder().config(config).build();
    }

    /** A compressor keeping dictionaries in the data source's dictionary table. */
    public static JsonCompressor create(DbOptConfig config, DataSource dataSource) {
        return builder().config(config).dataSource(dataSource).build();
    }

    /** Starts a configuration; defaults come from {@link JsonKeys}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stored form of a value: plain UTF-8 when it is under the threshold or does not shrink, else header and
     * zstd frame.
     *
     * @throws DbOptException {@link JsonErrorCode#VALUE_TOO_LARGE} over the maximum value size
     */
    public byte[] compress(String value) {
        return codec.encode(utf8(value), null, "a value", false);
    }

    /** As {@link #compress(String)}, with the latest dictionary of {@code scope} when one was trained. */
    public byte[] compress(String value, String scope) {
        return codec.encode(utf8(value), dictionary(scope), scope, false);
    }

    /**
     * The original text of a stored value, compressed or plain.
     *
     * @throws DbOptException {@link JsonErrorCode#CORRUPT_VALUE}, {@link JsonErrorCode#VALUE_TOO_LARGE} or
     *     {@link JsonErrorCode#UNKNOWN_DICTIONARY}
     */
    public String decompress(byte[] stored) {
        return decompress(stored, "a value");
    }

    /** As {@link #decompress(byte[])}, naming what the value is ({@code documents.content}) in errors. */
    public String decompress(byte[] stored, String where) {
        Objects.requireNonNull(stored, "stored");
        return new String(codec.decode(stored, this::dictionaryById, where), StandardCharsets.UTF_8);
    }

    /** The stored value's original bytes (UTF-8); as {@link #decompress(byte[], String)} without decoding text. */
    public byte[] decompressToBytes(byte[] stored, String where) {
        Objects.requireNonNull(stored, "stored");
        return codec.decode(stored, this::dictionaryById, where);
    }

    /** The text-column form of a value ({@link ColumnEncoding#TEXT}). */
    public String compressToText(String value) {
        return compressToText(value, null);
    }

    /** The text-column form of a value, with the latest dictionary of {@code scope} (null: none). */
    public String compressToText(String value, String scope) {
        byte[] utf8 = utf8(value);
        boolean force = TextForm.mustCompress(value);
        byte[] stored = codec.encode(utf8, scope == null ? null : dictionary(scope), scope == null ? "a value" : scope,
                force);
        return stored == utf8 ? value : TextForm.encode(stored);
    }

    /** The original text of a text-column value. */
    public String decompressText(String stored) {
        return decompressText(stored, "a value");
    }

    /** As {@link #decompressText(String)}, naming what the value is in errors. */
    public String decompressText(String stored, String where) {
        Objects.requireNonNull(stored, "stored");
        if (!TextForm.isCompressed(stored)) {
            return stored;
        }
        return decompress(TextForm.decode(stored, where), where);
    }

    /** Whether a stored value is in compressed form (binary or text). */
    public static boolean isCompressed(Object stored) {
        return stored instanceof byte[] b ? Frame.isFramed(b) : stored instanceof String s && TextForm.isCompressed(s);
    }

    /** Transparent reads and writes of a column, values compressed with the column's latest dictionary. */
    public CompressedColumn column(ColumnRef column, ColumnEncoding encoding) {
        return new CompressedColumn(this, column, encoding, column.toString());
    }

    /**
     * Trains a dictionary on sample values and stores it as the scope's newest version; values compressed from now
     * on use it, values compressed before keep naming theirs.
     *
     * @throws DbOptException {@link JsonErrorCode#DICTIONARY_TRAINING_FAILED} when zstd cannot train on the samples
     *     (give more, larger or more varied ones); {@link IllegalStateException} without a data source
     */
    public DictionaryInfo trainDictionary(String scope, Collection<String> samples) {
        Checks.notBlank("scope", scope);
        DictionaryStore store = requireStore();
        long total = 0;
        for (String s : samples) {
            total += s.length() * 3L;
        }
        ZstdDictTrainer trainer = new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, Math.max(1, total)),
                (int) dictionarySize);
        int used = 0;
        for (String s : samples) {
            if (!trainer.addSample(utf8(s))) {
                break;
            }
            used++;
        }
        byte[] dictionary;
        try {
            dictionary = trainer.trainSamples();
        } catch (ZstdException e) {
            throw new DbOptException(JsonErrorCode.DICTIONARY_TRAINING_FAILED, "zstd could not train a dictionary "
                    + "for " + scope + " from " + used + " samples (" + e.getMessage() + "): give more (at least a "
                    + "few dozen), larger or more varied values", e);
        }
        return store.save(scope, dictionary, used).info();
    }

    /**
     * Trains a dictionary on up to {@code json.compression.dictionary_samples} values of a column (compressed values
     * are read back first) and stores it as the column's newest version.
     */
    public DictionaryInfo trainDictionary(ColumnRef column) {
        List<String> samples = new io.dbopt.json.advice.ColumnSampler(requireDataSource(), dialect(), statementTimeout)
                .values(column, dictionarySamples, stored -> decodeAny(stored, column.toString()));
        return trainDictionary(column.toString(), samples);
    }

    /**
     * The in-place, chunked, resumable compression of an existing column (see {@link CompressionMigration}).
     *
     * @throws IllegalStateException without a data source
     */
    public CompressionMigration migration(ColumnRef column) {
        return new CompressionMigration(this, requireDataSource(), dialect(), column, config);
    }

    /** Every dictionary version of a scope, oldest first; empty without a data source. */
    public List<DictionaryInfo> dictionaries(String scope) {
        return dictionaries == null ? List.of() : dictionaries.versions(scope);
    }

    /** Forgets which dictionary is each scope's latest, so one trained by another instance is used from now on. */
    public void refreshDictionaries() {
        if (dictionaries != null) {
            dictionaries.refresh();
        }
    }

    /** The size under which values stay plain, in bytes. */
    public long minSize() {
        return codec.minSize();
    }

    /** The largest value written or read back, in bytes. */
    public long maxValueSize() {
        return codec.maxValueSize();
    }

    String decodeAny(Object stored, String where) {
        if (stored instanceof byte[] b) {
            return decompress(b, where);
        }
        return stored == null ? null : decompressText(stored.toString(), where);
    }

    JsonInstruments instruments() {
        return instruments;
    }

    Optional<DataSource> dataSource() {
        return Optional.ofNullable(dataSource);
    }

    Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            d = DatabaseInfo.detect(requireDataSource()).dialect();
            dialect = d;
        }
        return d;
    }

    private LoadedDictionary dictionary(String scope) {
        return dictionaries == null || scope == null ? null : dictionaries.latest(scope).orElse(null);
    }

    private Optional<LoadedDictionary> dictionaryById(int id) {
        return dictionaries == null ? Optional.empty() : dictionaries.byId(id);
    }

    private DictionaryStore requireStore() {
        if (dictionaries == null) {
            throw new IllegalStateException("Dictionaries are kept in a table: build the compressor with "
                    + "dataSource(...) to train or use them");
        }
        return dictionaries;
    }

    private DataSource requireDataSource() {
        if (dataSource == null) {
            throw new IllegalStateException("This needs the database: build the compressor with dataSource(...)");
        }
        return dataSource;
    }

    private static byte[] utf8(String value) {
        return Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8);
    }

    /** Frees native zstd contexts and the loaded dictionaries; the data source stays open. */
    @Override
    public void close() {
        codec.close();
        if (dictionaries != null) {
            dictionaries.close();
        }
        if (ownsInstruments) {
            instruments.close();
        }
    }

    /**
     * Configures a {@link JsonCompressor}. Every setter checks its value at once and names it when it is wrong;
     * unset values come from the configuration ({@link JsonKeys}). Not thread-safe.
     */
    public static final class Builder {
        private DbOptConfig config = DbOptConfig.empty();
        private DataSource dataSource;
        private Dialect dialect;
        private Integer level;
        private Long minSize;
        private Long maxValueSize;
        private String dictionaryTable;
        private MetricsRecorder metrics;
        private boolean ownsMetrics;
        private JsonInstruments instruments;

        private Builder() {
        }

        /** Reads {@code json.compression.*}. */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Where the dictionary table is; without one, no dictionaries. */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /** The server's dialect, when known (saves detecting it on a connection). */
        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /** zstd level, 1 to 22 ({@code json.compression.level}). */
        public Builder level(int value) {
            this.level = Checks.inRange("level", value, 1, 22);
            return this;
        }

        /** Values under this many bytes stay plain ({@code json.compression.min_size}). */
        public Builder minSize(long value) {
            this.minSize = Checks.notNegative("minSize", value);
            return this;
        }

        /** The largest value written or read back ({@code json.compression.max_value_size}). */
        public Builder maxValueSize(long value) {
            this.maxValueSize = Checks.inRange("maxValueSize", value, 1, Integer.MAX_VALUE - Frame.HEADER_BYTES);
            return this;
        }

        /** The dictionary table ({@code json.compression.dictionary_table}). */
        public Builder dictionaryTable(String value) {
            this.dictionaryTable = Checks.notBlank("dictionaryTable", value);
            return this;
        }

        /** Records meters through this recorder (which the caller keeps owning). */
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

        Builder instruments(JsonInstruments value) {
            this.instruments = value;
            return this;
        }

        /** Builds the compressor. */
        public JsonCompressor build() {
            if (dataSource == null && dictionaryTable != null) {
                throw new IllegalStateException("dictionaryTable(" + dictionaryTable + ") needs dataSource(...)");
            }
            return new JsonCompressor(this);
        }
    }
}
