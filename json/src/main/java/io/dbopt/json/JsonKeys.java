package io.dbopt.json;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every setting of dbopt-json (section {@code json}): compression, change history, chunked jobs, workload sampling
 * and the doctor's thresholds. Builders take their defaults from these keys, so the values below are the one source
 * of truth; {@code docs/configuration.md} lists them.
 */
public final class JsonKeys implements ConfigSchema {

    /** Values shorter than this stay plain; the seed compressed above 1,000 characters. */
    public static final ConfigKey<Long> COMPRESSION_MIN_SIZE = ConfigKey.bytes("json.compression.min_size")
            .defaultValue(1000L).range(0, 1L << 30)
            .description("Values shorter than this many UTF-8 bytes are stored plain (the seed compressed above "
                    + "1,000 characters); longer ones are compressed when that makes them smaller.")
            .build();

    /** zstd compression level. */
    public static final ConfigKey<Integer> COMPRESSION_LEVEL = ConfigKey.integer("json.compression.level")
            .defaultValue(3).range(1, 22)
            .description("zstd compression level: 1 is fastest, 19 and up are slow; decompression speed hardly "
                    + "depends on it.")
            .build();

    /** The largest value compressed or decompressed. */
    public static final ConfigKey<Long> MAX_VALUE_SIZE = ConfigKey.bytes("json.compression.max_value_size")
            .defaultValue(64L << 20).defaultText("64MB").range(1024, Integer.MAX_VALUE - 64L)
            .description("The largest value (uncompressed) the codec writes or reads back; a stored value declaring "
                    + "or decompressing to more fails with JSON_VALUE_TOO_LARGE before memory is allocated for it.")
            .build();

    /** Where trained dictionaries are kept. */
    public static final ConfigKey<String> DICTIONARY_TABLE = ConfigKey.string("json.compression.dictionary_table")
            .defaultValue("dbopt_json_dictionaries")
            .description("Table holding trained zstd dictionaries, one row per version; created when the first "
                    + "dictionary is trained.")
            .build();

    /** The size of a trained dictionary. */
    public static final ConfigKey<Long> DICTIONARY_SIZE = ConfigKey.bytes("json.compression.dictionary_size")
            .defaultValue(32L * 1024).defaultText("32KB").range(1024, 1L << 20)
            .description("Size of a trained dictionary. Larger helps small, varied values a little and costs memory "
                    + "per loaded dictionary.")
            .build();

    /** How many values a dictionary is trained on. */
    public static final ConfigKey<Integer> DICTIONARY_SAMPLES = ConfigKey.integer("json.compression.dictionary_samples")
            .defaultValue(2000).range(10, 1_000_000)
            .description("Values read from the column to train a dictionary on (zstd needs at least a few dozen).")
            .build();

    /** The history table. */
    public static final ConfigKey<String> HISTORY_TABLE = ConfigKey.string("json.history.table")
            .defaultValue("dbopt_document_history")
            .description("Table of document versions (diffs and snapshots); its head table is the same name with "
                    + "_head. Both are created on first use.")
            .build();

    /** A full snapshot every N versions. */
    public static final ConfigKey<Integer> SNAPSHOT_INTERVAL = ConfigKey.integer("json.history.snapshot_interval")
            .defaultValue(50).range(1, 100_000)
            .description("A full copy every this many versions; reading a version applies at most this many - 1 "
                    + "diffs. 1 stores full copies only.")
            .build();

    /** Check each diff by applying it before storing it. */
    public static final ConfigKey<Boolean> VERIFY_ROUND_TRIP = ConfigKey.bool("json.history.verify_round_trip")
            .defaultValue(true)
            .description("Apply each new diff to the previous version and compare with the new one before storing "
                    + "it; a mismatch stores a full snapshot instead.")
            .build();

    /** Rows per chunk of a chunked job. */
    public static final ConfigKey<Integer> CHUNK_SIZE = ConfigKey.integer("json.job.chunk_size")
            .defaultValue(500).range(1, 1_000_000)
            .description("Rows per transaction of the compression migration and the history conversion (which takes a "
                    + "tenth as many documents).")
            .build();

    /** Where chunked jobs keep their checkpoints. */
    public static final ConfigKey<String> CHECKPOINT_TABLE = ConfigKey.string("json.job.checkpoint_table")
            .defaultValue("dbopt_json_jobs")
            .description("Table in which chunked jobs record the last key done, in the same transaction as the "
                    + "chunk, so that a rerun resumes where the last commit ended.")
            .build();

    /** Pause between chunks. */
    public static final ConfigKey<Duration> CHUNK_PAUSE = ConfigKey.duration("json.job.pause", ChronoUnit.MILLIS)
            .defaultValue(Duration.ZERO).notNegative()
            .description("Pause between chunks, to leave room for the application's own work.")
            .build();

    /** Lock wait of a chunk. */
    public static final ConfigKey<Duration> LOCK_TIMEOUT = ConfigKey.duration("json.job.lock_timeout",
                    ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(5)).positive()
            .description("Longest a chunk waits for row locks held by the application before the job stops "
                    + "(rerun to resume).")
            .build();

    /** Time limit of dbopt's own statements. */
    public static final ConfigKey<Duration> STATEMENT_TIMEOUT = ConfigKey.duration("json.statement_timeout",
                    ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(30)).positive()
            .description("Time limit of each catalog, sampling and verification statement dbopt-json runs.")
            .build();

    /** Rows sampled per column. */
    public static final ConfigKey<Integer> SAMPLE_ROWS = ConfigKey.integer("json.sample_rows")
            .defaultValue(10_000).range(10, 10_000_000)
            .description("Rows read per column to estimate path selectivity, value widths and history similarity (the "
                    + "doctor reads at most 1,000).")
            .build();

    /** Rows compared when verifying a rewrite. */
    public static final ConfigKey<Integer> VERIFY_MAX_ROWS = ConfigKey.integer("json.rewrite.verify_max_rows")
            .defaultValue(10_000).range(1, 10_000_000)
            .description("Rows of each result compared when a rewrite is verified on real rows; a result with more "
                    + "rows leaves the rewrite unverified.")
            .build();

    /** Average width above which a text or JSON column counts as large. */
    public static final ConfigKey<Long> LARGE_VALUE_SIZE = ConfigKey.bytes("json.doctor.large_value_size")
            .defaultValue(2048L).defaultText("2KB").range(64, 1L << 30)
            .description("Average value size from which the doctor reports a text or JSON column as large and "
                    + "checks how it is compressed.")
            .build();

    /** Similarity from which consecutive history versions count as near-identical copies. */
    public static final ConfigKey<Double> HISTORY_SIMILARITY = ConfigKey.decimal("json.doctor.history_similarity")
            .defaultValue(0.8).range(0.0, 1.0)
            .description("Share of a version that the next version of the same document repeats, from which the "
                    + "doctor reports a history table of full copies.")
            .build();

    /** For {@link java.util.ServiceLoader}; the keys are the constants above. */
    public JsonKeys() {
        // stateless
    }

    @Override
    public String module() {
        return "dbopt-json";
    }

    @Override
    public List<String> sections() {
        return List.of("json");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(COMPRESSION_MIN_SIZE, COMPRESSION_LEVEL, MAX_VALUE_SIZE, DICTIONARY_TABLE, DICTIONARY_SIZE,
                DICTIONARY_SAMPLES, HISTORY_TABLE, SNAPSHOT_INTERVAL, VERIFY_ROUND_TRIP, CHUNK_SIZE,
                CHECKPOINT_TABLE, CHUNK_PAUSE, LOCK_TIMEOUT, STATEMENT_TIMEOUT, SAMPLE_ROWS, VERIFY_MAX_ROWS,
                LARGE_VALUE_SIZE, HISTORY_SIMILARITY);
    }
}
