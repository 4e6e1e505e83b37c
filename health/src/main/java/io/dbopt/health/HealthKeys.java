package io.dbopt.health;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import io.dbopt.core.config.Secret;
import io.dbopt.health.alert.WebhookFormat;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every setting of dbopt-health: the monitor's rhythm and deadlines ({@code health.*}), each check's thresholds
 * (defaults taken from PgHero, check_postgres and the Prometheus postgres / mysqld mixins; {@code docs/health.md}
 * names the source of each), and the alert manager ({@code alerts.*}). Bare numbers in durations are seconds.
 */
public final class HealthKeys implements ConfigSchema {

    // ---- rhythm and deadlines --------------------------------------------------------------------------------

    /** How often the monitor checks and samples. */
    public static final ConfigKey<Duration> INTERVAL = ConfigKey.duration("health.interval", ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(10)).positive()
            .description("How often the monitor runs its checks and samples the server's counters.")
            .build();

    /** The deadline of one check cycle. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("health.timeout", ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(5)).positive()
            .description("Deadline of one check cycle: a database that has not answered by then is reported DOWN "
                    + "(not answering), and healthCheck() never waits longer.")
            .build();

    /** Connect timeout of the checker's own connection. */
    public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey
            .duration("health.connect_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(5)).positive()
            .description("Connect and login timeout of the checker's own connection.")
            .build();

    /** Statement timeout of every query the checker runs. */
    public static final ConfigKey<Duration> STATEMENT_TIMEOUT = ConfigKey
            .duration("health.statement_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(2)).positive()
            .description("Server-side and driver time limit of each statement the checker runs.")
            .build();

    /** How often the catalog-scanning checks run. */
    public static final ConfigKey<Duration> CATALOG_INTERVAL = ConfigKey
            .duration("health.catalog_interval", ChronoUnit.SECONDS).defaultValue(Duration.ofMinutes(5)).positive()
            .description("How often the checks that scan the catalog (sequences, bloat, invalid indexes and "
                    + "constraints, wraparound) run; between runs their last answer is kept.")
            .build();

    /** How many samples each time series keeps. */
    public static final ConfigKey<Integer> HISTORY = ConfigKey.integer("health.history").defaultValue(720)
            .range(2, 1_000_000)
            .description("Samples kept per time series in memory (720 at 10 s is two hours); longer history "
                    + "belongs in the metrics backend.")
            .build();

    /** Which checks run. */
    public static final ConfigKey<List<String>> CHECKS = ConfigKey.list("health.checks")
            .defaultValue(List.of("all"))
            .description("The checks to run, by name (connectivity, connections, long-queries, ...; see "
                    + "docs/health.md), or all.")
            .build();

    /** The application name of the checker's connection. */
    public static final ConfigKey<String> APPLICATION_NAME = ConfigKey.string("health.application_name")
            .defaultValue("dbopt-health")
            .description("Application name the checker's connection reports to the server (PostgreSQL "
                    + "application_name, MariaDB program_name), so its sessions are told apart.")
            .build();

    // ---- thresholds ------------------------------------------------------------------------------------------

    /** Probe latency above which the database counts as slow. */
    public static final ConfigKey<Duration> LATENCY_WARN = ConfigKey
            .duration("health.latency.warn", ChronoUnit.MILLIS).defaultValue(Duration.ofMillis(200)).positive()
            .description("Round trip of the probe (SELECT 1 on the checker's connection) above which the database "
                    + "is DEGRADED (slow).")
            .build();

    /** Share of usable connections in use that warns. */
    public static final ConfigKey<Double> CONNECTIONS_WARN = ratio("health.connections.warn", 0.80,
            "Share of the server's usable connections (max_connections minus reserved) in use that warns.");

    /** Share of usable connections in use that is an error. */
    public static final ConfigKey<Double> CONNECTIONS_ERROR = ratio("health.connections.error", 0.95,
            "Share of the server's usable connections in use that is an error.");

    /** Running time of a statement that warns. */
    public static final ConfigKey<Duration> LONG_QUERY_WARN = duration("health.long_query.warn",
            Duration.ofSeconds(60), "Running time of a statement that warns (long-running query).");

    /** Running time of a statement that is an error. */
    public static final ConfigKey<Duration> LONG_QUERY_ERROR = duration("health.long_query.error",
            Duration.ofMinutes(2), "Running time of a statement that is an error.");

    /** Time a session may sit idle inside a transaction. */
    public static final ConfigKey<Duration> IDLE_IN_TRANSACTION_WARN = duration("health.idle_in_transaction.warn",
            Duration.ofSeconds(60), "Time a session may sit idle inside an open transaction before it warns.");

    /** Lock wait that warns. */
    public static final ConfigKey<Duration> BLOCKED_WARN = duration("health.blocked.warn", Duration.ofMinutes(1),
            "Time a session may wait for a lock before it warns.");

    /** Lock wait that is an error. */
    public static final ConfigKey<Duration> BLOCKED_ERROR = duration("health.blocked.error", Duration.ofMinutes(2),
            "Time a session may wait for a lock before it is an error.");

    /** Transaction-ID age that warns (PostgreSQL). */
    public static final ConfigKey<Long> WRAPAROUND_WARN = ConfigKey.longValue("health.wraparound.warn")
            .defaultValue(1_300_000_000L).range(1, 2_147_483_647L)
            .description("Age of the oldest unfrozen transaction ID of any database (age(datfrozenxid)) that warns "
                    + "(PostgreSQL).")
            .build();

    /** Transaction-ID age that is an error (PostgreSQL). */
    public static final ConfigKey<Long> WRAPAROUND_ERROR = ConfigKey.longValue("health.wraparound.error")
            .defaultValue(1_400_000_000L).range(1, 2_147_483_647L)
            .description("Age of the oldest unfrozen transaction ID that is an error (PostgreSQL).")
            .build();

    /** Share of autovacuum_freeze_max_age that warns (PostgreSQL). */
    public static final ConfigKey<Double> FREEZE_AGE_WARN = ratio("health.freeze_age.warn", 0.90,
            "Share of autovacuum_freeze_max_age a database's frozen-XID age may reach before it warns (PostgreSQL).");

    /** Share of autovacuum_freeze_max_age that is an error (PostgreSQL). */
    public static final ConfigKey<Double> FREEZE_AGE_ERROR = ratio("health.freeze_age.error", 0.95,
            "Share of autovacuum_freeze_max_age that is an error (PostgreSQL).");

    /** InnoDB history list length that warns (MariaDB). */
    public static final ConfigKey<Long> HISTORY_LIST_WARN = ConfigKey.longValue("health.history_list.warn")
            .defaultValue(1_000_000L).positive()
            .description("InnoDB history list length (undo records purge has not removed yet) that warns (MariaDB).")
            .build();

    /** Share of a sequence's range used that warns. */
    public static final ConfigKey<Double> SEQUENCE_WARN = ratio("health.sequence.warn", 0.85,
            "Share of a sequence's or AUTO_INCREMENT column's range used that warns.");

    /** Share of a sequence's range used that is an error. */
    public static final ConfigKey<Double> SEQUENCE_ERROR = ratio("health.sequence.error", 0.95,
            "Share of a sequence's or AUTO_INCREMENT column's range used that is an error.");

    /** Replication lag that warns. */
    public static final ConfigKey<Duration> REPLICATION_LAG_WARN = duration("health.replication_lag.warn",
            Duration.ofSeconds(30), "Replication lag that warns.");

    /** Replication lag that is an error. */
    public static final ConfigKey<Duration> REPLICATION_LAG_ERROR = duration("health.replication_lag.error",
            Duration.ofHours(1), "Replication lag that is an error.");

    /** Buffer cache hit ratio below which the check warns. */
    public static final ConfigKey<Double> CACHE_HIT_RATIO_WARN = ratio("health.cache_hit_ratio.warn", 0.99,
            "Buffer cache hit ratio (since statistics were reset) below which the check warns.");

    /** Estimated wasted table space that warns. */
    public static final ConfigKey<Long> TABLE_BLOAT_WARN = ConfigKey.bytes("health.bloat.table_warn")
            .defaultValue(1L << 30).defaultText("1GB").notNegative()
            .description("Estimated wasted space of one table that warns.")
            .build();

    /** Estimated wasted table space that is an error. */
    public static final ConfigKey<Long> TABLE_BLOAT_ERROR = ConfigKey.bytes("health.bloat.table_error")
            .defaultValue(5L << 30).defaultText("5GB").notNegative()
            .description("Estimated wasted space of one table that is an error.")
            .build();

    /** Estimated wasted index space that warns (PostgreSQL). */
    public static final ConfigKey<Long> INDEX_BLOAT_WARN = ConfigKey.bytes("health.bloat.index_warn")
            .defaultValue(100L << 20).defaultText("100MB").notNegative()
            .description("Estimated wasted space of one B-tree index that warns (PostgreSQL).")
            .build();

    /** Deadlocks per minute that warn. */
    public static final ConfigKey<Double> DEADLOCKS_WARN = ConfigKey.decimal("health.deadlocks.warn")
            .defaultValue(5.0).notNegative()
            .description("Deadlocks per minute, over the last interval, that warn.")
            .build();

    /** Temporary-file bytes per second that warn (PostgreSQL). */
    public static final ConfigKey<Long> TEMP_BYTES_WARN = ConfigKey.bytes("health.temp.bytes_warn")
            .defaultValue(10L << 20).defaultText("10MB").notNegative()
            .description("Bytes per second written to temporary files by sorts and hashes, over the last "
                    + "interval, that warn (PostgreSQL).")
            .build();

    /** Share of temporary tables created on disk that warns (MariaDB). */
    public static final ConfigKey<Double> TEMP_DISK_RATIO_WARN = ratio("health.temp.disk_ratio_warn", 0.20,
            "Share of internal temporary tables created on disk, over the last interval, that warns (MariaDB).");

    /** Share of an attached pool's capacity in use that warns. */
    public static final ConfigKey<Double> POOL_BUSY_WARN = ratio("health.pool.busy_warn", 0.80,
            "Share of an attached pool's capacity checked out that warns; all of it checked out with callers "
                    + "waiting is 'pool saturated'.");

    // ---- alerts ----------------------------------------------------------------------------------------------

    /** Whether the alert manager runs. */
    public static final ConfigKey<Boolean> ALERTS_ENABLED = ConfigKey.bool("alerts.enabled").defaultValue(true)
            .description("Whether the monitor evaluates alert rules after each cycle.")
            .build();

    /** Whether alerts are logged. */
    public static final ConfigKey<Boolean> ALERTS_LOG = ConfigKey.bool("alerts.log").defaultValue(true)
            .description("Log each firing (WARN) and resolved (INFO) alert through SLF4J.")
            .build();

    /** How long a resolved alert stays quiet. */
    public static final ConfigKey<Duration> ALERTS_COOLDOWN = ConfigKey
            .duration("alerts.cooldown", ChronoUnit.SECONDS).defaultValue(Duration.ofMinutes(5)).notNegative()
            .description("After an alert resolves, the same alert does not fire again for this long (flapping "
                    + "conditions send one notification, not one per cycle).")
            .build();

    /** How often a still-firing alert is sent again. */
    public static final ConfigKey<Duration> ALERTS_REPEAT_INTERVAL = ConfigKey
            .duration("alerts.repeat_interval", ChronoUnit.SECONDS).defaultValue(Duration.ofHours(4)).positive()
            .description("A firing alert is sent again after this long while it keeps firing.")
            .build();

    /** Whether every health check has an alert rule. */
    public static final ConfigKey<Boolean> ALERTS_CHECKS = ConfigKey.bool("alerts.checks.enabled").defaultValue(true)
            .description("Raise an alert for each health check that is not UP, at the check's severity.")
            .build();

    /** For-duration of the check rules. */
    public static final ConfigKey<Duration> ALERTS_CHECKS_FOR = ConfigKey
            .duration("alerts.checks.for", ChronoUnit.SECONDS).defaultValue(Duration.ofMinutes(1)).notNegative()
            .description("How long a check must stay not UP before its alert fires (a database that stays down, "
                    + "a session that stays blocked).")
            .build();

    /** Whether the ready-made slow-query rule is on. */
    public static final ConfigKey<Boolean> ALERTS_SLOW_QUERIES = ConfigKey.bool("alerts.slow_queries.enabled")
            .defaultValue(true)
            .description("The ready-made rule slow-queries: fires when slow statements keep appearing.")
            .build();

    /** For-duration of the slow-query rule. */
    public static final ConfigKey<Duration> ALERTS_SLOW_QUERIES_FOR = ConfigKey
            .duration("alerts.slow_queries.for", ChronoUnit.SECONDS).defaultValue(Duration.ofMinutes(2))
            .notNegative()
            .description("How long slow statements must keep appearing before slow-queries fires.")
            .build();

    /** Whether the ready-made pool-exhaustion rule is on. */
    public static final ConfigKey<Boolean> ALERTS_POOL_EXHAUSTED = ConfigKey.bool("alerts.pool_exhausted.enabled")
            .defaultValue(true)
            .description("The ready-made rule pool-exhausted: fires when an attached pool is saturated.")
            .build();

    /** For-duration of the pool-exhaustion rule. */
    public static final ConfigKey<Duration> ALERTS_POOL_EXHAUSTED_FOR = ConfigKey
            .duration("alerts.pool_exhausted.for", ChronoUnit.SECONDS).defaultValue(Duration.ofMinutes(1))
            .notNegative()
            .description("How long a pool must stay saturated before pool-exhausted fires.")
            .build();

    /** Where the webhook sink posts. */
    public static final ConfigKey<Secret> WEBHOOK_URL = ConfigKey.secret("alerts.webhook.url")
            .description("URL the webhook sink posts alerts to (an Alertmanager, or any receiver of Alertmanager's "
                    + "webhook payload). Treated as a secret: receiver URLs often carry tokens.")
            .build();

    /** Which payload the webhook posts. */
    public static final ConfigKey<WebhookFormat> WEBHOOK_FORMAT = ConfigKey
            .enumValue("alerts.webhook.format", WebhookFormat.class).defaultValue(WebhookFormat.ALERTMANAGER_WEBHOOK)
            .description("alertmanager-webhook: the JSON Alertmanager sends to its receivers; alertmanager-api: "
                    + "a list of alerts for Alertmanager's own POST /api/v2/alerts.")
            .build();

    /** Timeout of one webhook request. */
    public static final ConfigKey<Duration> WEBHOOK_TIMEOUT = ConfigKey
            .duration("alerts.webhook.timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(5)).positive()
            .description("Connect and response timeout of one webhook request.")
            .build();

    /** Retries of a failed webhook request. */
    public static final ConfigKey<Integer> WEBHOOK_RETRIES = ConfigKey.integer("alerts.webhook.retries")
            .defaultValue(3).range(0, 20)
            .description("Retries of a failed or refused (5xx, 429) webhook request, with doubling backoff.")
            .build();

    /** Notifications the webhook queue holds. */
    public static final ConfigKey<Integer> WEBHOOK_QUEUE = ConfigKey.integer("alerts.webhook.queue")
            .defaultValue(100).range(1, 100_000)
            .description("Notifications waiting to be sent, in the alert queue and in the webhook's own queue; when "
                    + "one is full its oldest is dropped (counted and logged), so the monitor never waits for a sink.")
            .build();

    /** How instances agree that an alert is sent once. */
    public static final ConfigKey<Coordination> COORDINATION = ConfigKey
            .enumValue("alerts.coordination", Coordination.class).defaultValue(Coordination.NONE)
            .description("How several application instances send a firing alert once: none, database (a small "
                    + "table updated atomically) or redis (SET NX and a compare-and-set script).")
            .build();

    /** The coordination table. */
    public static final ConfigKey<String> COORDINATION_TABLE = ConfigKey.string("alerts.coordination_table")
            .defaultValue("dbopt_health_alerts")
            .description("Table that alerts.coordination=database creates and uses.")
            .build();

    /** The Redis URI of alerts.coordination=redis. */
    public static final ConfigKey<Secret> REDIS_URL = ConfigKey.secret("alerts.redis_url")
            .description("Redis URI for alerts.coordination=redis, e.g. redis://host:6379/0 (needs "
                    + "io.lettuce:lettuce-core on the class path).")
            .build();

    /** The instance label. */
    public static final ConfigKey<String> INSTANCE = ConfigKey.string("alerts.instance")
            .defaultText("(host:port/database of database.url)")
            .description("The instance label on every alert: what is monitored, the database, so that every "
                    + "application instance watching it raises the same alert (and coordination sends it once).")
            .build();

    /** Extra labels on every alert. */
    public static final ConfigKey<List<String>> LABELS = ConfigKey.list("alerts.labels")
            .defaultValue(List.of())
            .description("Extra labels on every alert, as name=value pairs (env=prod,team=payments).")
            .build();

    /** For {@link java.util.ServiceLoader}; the keys are the constants above. */
    public HealthKeys() {
        // stateless
    }

    /** How firing alerts are coordinated across application instances. */
    public enum Coordination {
        /** Each instance sends its own notifications. */
        NONE,
        /** A row per alert in a small table, changed by one atomic conditional statement. */
        DATABASE,
        /** A key per alert in Redis. */
        REDIS
    }

    @Override
    public String module() {
        return "dbopt-health";
    }

    @Override
    public List<String> sections() {
        return List.of("health", "alerts");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(INTERVAL, TIMEOUT, CONNECT_TIMEOUT, STATEMENT_TIMEOUT, CATALOG_INTERVAL, HISTORY, CHECKS,
                APPLICATION_NAME, LATENCY_WARN, CONNECTIONS_WARN, CONNECTIONS_ERROR, LONG_QUERY_WARN,
                LONG_QUERY_ERROR, IDLE_IN_TRANSACTION_WARN, BLOCKED_WARN, BLOCKED_ERROR, WRAPAROUND_WARN,
                WRAPAROUND_ERROR, FREEZE_AGE_WARN, FREEZE_AGE_ERROR, HISTORY_LIST_WARN, SEQUENCE_WARN, SEQUENCE_ERROR,
                REPLICATION_LAG_WARN, REPLICATION_LAG_ERROR, CACHE_HIT_RATIO_WARN, TABLE_BLOAT_WARN,
                TABLE_BLOAT_ERROR, INDEX_BLOAT_WARN, DEADLOCKS_WARN, TEMP_BYTES_WARN, TEMP_DISK_RATIO_WARN,
                POOL_BUSY_WARN,
                ALERTS_ENABLED, ALERTS_LOG, ALERTS_COOLDOWN, ALERTS_REPEAT_INTERVAL, ALERTS_CHECKS, ALERTS_CHECKS_FOR,
                ALERTS_SLOW_QUERIES, ALERTS_SLOW_QUERIES_FOR, ALERTS_POOL_EXHAUSTED, ALERTS_POOL_EXHAUSTED_FOR,
                WEBHOOK_URL, WEBHOOK_FORMAT, WEBHOOK_TIMEOUT, WEBHOOK_RETRIES, WEBHOOK_QUEUE, COORDINATION,
                COORDINATION_TABLE, REDIS_URL, INSTANCE, LABELS);
    }

    private static ConfigKey<Double> ratio(String name, double value, String description) {
        return ConfigKey.decimal(name).defaultValue(value).range(0.0, 1.0).description(description).build();
    }

    private static ConfigKey<Duration> duration(String name, Duration value, String description) {
        return ConfigKey.duration(name, ChronoUnit.SECONDS).defaultValue(value).positive().description(description)
                .build();
    }
}
