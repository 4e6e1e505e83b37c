package io.dbopt.bulk;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Every setting of dbopt-bulk: section {@code bulk}. */
public final class BulkKeys implements ConfigSchema {

    /** Rows per load chunk (one transaction each). */
    public static final ConfigKey<Integer> CHUNK_ROWS = ConfigKey.integer("bulk.chunk_rows").defaultValue(50_000)
            .range(1, 10_000_000)
            .description("Rows per load chunk; each chunk is one transaction and is kept in memory until it commits.")
            .build();

    /** Encoded bytes per load chunk, at most. */
    public static final ConfigKey<Long> CHUNK_BYTES = ConfigKey.bytes("bulk.chunk_bytes").defaultValue(32L << 20)
            .defaultText("32MB")
            .range(64 * 1024, 1L << 30)
            .description("Encoded bytes per load chunk at most: a chunk ends at this size or bulk.chunk_rows, "
                    + "whichever comes first, so memory stays bounded with wide rows.")
            .build();

    /** Loads expected to reach this many rows use binary COPY on PostgreSQL. */
    public static final ConfigKey<Long> BINARY_MIN_ROWS = ConfigKey.longValue("bulk.binary_min_rows")
            .defaultValue(0L).notNegative()
            .description("PostgreSQL loads expected to reach this many rows (or of unknown size) use binary COPY, "
                    + "smaller ones text COPY; 0 (default): binary whenever every column has a binary writer, as "
                    + "binary was never slower from 1,000 rows up in docs/benchmarks.md.")
            .build();

    /** Rejected rows allowed before a load stops. */
    public static final ConfigKey<Long> MAX_ERRORS = ConfigKey.longValue("bulk.max_errors").defaultValue(0L)
            .notNegative()
            .description("Rows a load may reject before it stops (0: the first bad row stops it, after the rows "
                    + "before it were committed).")
            .build();

    /** Whether bad-row reports show values. */
    public static final ConfigKey<Boolean> SHOW_VALUES = ConfigKey.bool("bulk.show_values").defaultValue(false)
            .description("Show row values and the server's unmasked message in bad-row reports; off by default, "
                    + "so values never reach logs or reject files.")
            .build();

    /** The checkpoint table's name. */
    public static final ConfigKey<String> CHECKPOINT_TABLE = ConfigKey.string("bulk.checkpoint_table")
            .defaultValue("dbopt_bulk_checkpoint")
            .description("Table (current schema or database) recording chunked jobs and resumable loads; created on "
                    + "first use.")
            .build();

    /** Time limit of each statement a bulk operation runs (PostgreSQL). */
    public static final ConfigKey<Duration> STATEMENT_TIMEOUT = ConfigKey.duration("bulk.statement_timeout",
                    ChronoUnit.SECONDS).defaultValue(Duration.ofMinutes(10)).positive()
            .description("Time limit of each chunk's statements on PostgreSQL (statement_timeout, per transaction); "
                    + "the loader's own connections get a socket timeout of this plus 60 s.")
            .build();

    /** Attempts of a chunk after a lost connection or a retryable error. */
    public static final ConfigKey<Integer> RETRY_ATTEMPTS = ConfigKey.integer("bulk.retry_attempts").defaultValue(5)
            .range(0, 100)
            .description("Times a chunk is tried again after a lost connection, a deadlock or a serialization "
                    + "failure before the job stops (committed chunks stay).")
            .build();

    /** First wait before a retry. */
    public static final ConfigKey<Duration> RETRY_BACKOFF = ConfigKey.duration("bulk.retry_backoff",
                    ChronoUnit.MILLIS).defaultValue(Duration.ofSeconds(1)).notNegative()
            .description("First wait before a chunk is tried again; doubled on each retry, at most 30 s.")
            .build();

    /** The first chunk's size in keys for chunked jobs. */
    public static final ConfigKey<Integer> CHUNK_SIZE = ConfigKey.integer("bulk.chunk_size").defaultValue(1_000)
            .range(1, 100_000_000)
            .description("Keys in the first chunk of a chunked job; later chunks adapt to bulk.chunk_target_time.")
            .build();

    /** The smallest chunk adaptation may choose. */
    public static final ConfigKey<Integer> CHUNK_MIN_SIZE = ConfigKey.integer("bulk.chunk_min_size").defaultValue(10)
            .range(1, 100_000_000)
            .description("Fewest keys adaptive sizing may put in a chunk.")
            .build();

    /** The largest chunk adaptation may choose. */
    public static final ConfigKey<Integer> CHUNK_MAX_SIZE = ConfigKey.integer("bulk.chunk_max_size")
            .defaultValue(50_000).range(1, 100_000_000)
            .description("Most keys adaptive sizing may put in a chunk.")
            .build();

    /** The time a chunk should take. */
    public static final ConfigKey<Duration> CHUNK_TARGET_TIME = ConfigKey.duration("bulk.chunk_target_time",
                    ChronoUnit.MILLIS).defaultValue(Duration.ofMillis(500)).positive()
            .description("Time a chunk of a chunked job should take; each chunk's size is scaled towards it (by at "
                    + "most 2x per chunk).")
            .build();

    /** Worker threads per chunked job. */
    public static final ConfigKey<Integer> WORKERS = ConfigKey.integer("bulk.workers").defaultValue(1).range(1, 64)
            .description("Worker threads per chunked job in this process (other instances running the same job id "
                    + "add theirs).")
            .build();

    /** Pause after every chunk. */
    public static final ConfigKey<Duration> THROTTLE_PAUSE = ConfigKey.duration("bulk.throttle.pause",
                    ChronoUnit.MILLIS).defaultValue(Duration.ZERO).notNegative()
            .description("Sleep after every chunk of a chunked job.")
            .build();

    /** Ceiling on rows per second. */
    public static final ConfigKey<Double> THROTTLE_MAX_ROWS_PER_SECOND = ConfigKey
            .decimal("bulk.throttle.max_rows_per_second").defaultValue(0.0).notNegative()
            .description("Most rows per second a chunked job may touch, over all its workers (0: no ceiling).")
            .build();

    /** Pause while replication lags more than this. */
    public static final ConfigKey<Duration> THROTTLE_MAX_REPLICATION_LAG = ConfigKey
            .duration("bulk.throttle.max_replication_lag", ChronoUnit.SECONDS).positive()
            .description("Pause chunked jobs while replication lags more than this (PostgreSQL: read on the primary; "
                    + "MariaDB: point the handler at a replica). Not set: not checked.")
            .build();

    /** Pause while a transaction has been open longer than this. */
    public static final ConfigKey<Duration> THROTTLE_MAX_TRANSACTION_AGE = ConfigKey
            .duration("bulk.throttle.max_transaction_age", ChronoUnit.SECONDS).positive()
            .description("Pause chunked jobs while another transaction has been open longer than this. Not set: not "
                    + "checked.")
            .build();

    /** How long to wait before asking busy signals again. */
    public static final ConfigKey<Duration> THROTTLE_BUSY_POLL = ConfigKey.duration("bulk.throttle.busy_poll",
                    ChronoUnit.MILLIS).defaultValue(Duration.ofSeconds(5)).positive()
            .description("Wait before asking the busy signals again while the server is busy.")
            .build();

    /** Public for {@link java.util.ServiceLoader}; use the constants. */
    public BulkKeys() {
    }

    @Override
    public String module() {
        return "dbopt-bulk";
    }

    @Override
    public List<String> sections() {
        return List.of("bulk");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(CHUNK_ROWS, CHUNK_BYTES, BINARY_MIN_ROWS, MAX_ERRORS, SHOW_VALUES, CHECKPOINT_TABLE,
                STATEMENT_TIMEOUT, RETRY_ATTEMPTS, RETRY_BACKOFF, CHUNK_SIZE, CHUNK_MIN_SIZE, CHUNK_MAX_SIZE,
                CHUNK_TARGET_TIME, WORKERS, THROTTLE_PAUSE, THROTTLE_MAX_ROWS_PER_SECOND, THROTTLE_MAX_REPLICATION_LAG,
                THROTTLE_MAX_TRANSACTION_AGE, THROTTLE_BUSY_POLL);
    }
}
