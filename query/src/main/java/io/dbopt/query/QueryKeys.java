package io.dbopt.query;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import io.dbopt.core.config.Secret;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every setting of the query module: the profiler and the optimizer ({@code query.*}) and the result cache
 * ({@code cache.*}), read from {@link io.dbopt.core.config.DbOptConfig} by the builders' {@code config(...)} methods
 * and by {@link QueryOptimizer#create(io.dbopt.core.config.DbOptConfig)}. The defaults here are the builders'
 * defaults: there are no others. Stateless; found by {@link java.util.ServiceLoader}.
 */
public final class QueryKeys implements ConfigSchema {

    /** The name that starts the profiler's log lines and tags its meters. */
    public static final ConfigKey<String> NAME = ConfigKey.string("query.name")
            .defaultText("query-profiler-<n>")
            .description("The name that starts the profiler's log lines and tags its meters.")
            .build();

    /** Statements at least this slow are logged and counted as slow. */
    public static final ConfigKey<Duration> SLOW_QUERY_THRESHOLD = ConfigKey
            .duration("query.slow_query_threshold", ChronoUnit.MILLIS).defaultValue(Duration.ofMillis(500))
            .notNegative()
            .description("Statements at least this slow are logged at WARN on io.dbopt.query.slow and counted as "
                    + "slow; 0 logs every statement.")
            .build();

    /** Executions in one scope that make an N+1 pattern. */
    public static final ConfigKey<Integer> N_PLUS_ONE_THRESHOLD = ConfigKey.integer("query.n_plus_one_threshold")
            .defaultValue(10).range(3, 1_000_000)
            .description("How many executions of one statement from one call site, with varying parameters, within "
                    + "one scope (a transaction or a named scope) make an N+1 pattern.")
            .build();

    /** Fingerprints kept in memory. */
    public static final ConfigKey<Integer> MAX_FINGERPRINTS = ConfigKey.integer("query.max_fingerprints")
            .defaultValue(2_000).range(16, 1_000_000)
            .description("How many statement fingerprints the profiler keeps; the least used are evicted beyond it "
                    + "(totals per statement kind keep counting them).")
            .build();

    /** One execution in this many captures its call site. */
    public static final ConfigKey<Integer> CALL_SITE_SAMPLING = ConfigKey.integer("query.call_site_sampling")
            .defaultValue(8_192).range(1, 1 << 30)
            .description("After a fingerprint's first three executions, one execution in this many (rounded down to "
                    + "a power of two) captures its call site; 1 captures every time (tests).")
            .build();

    /** Whether the slow log shows the SQL as executed and its values. */
    public static final ConfigKey<Boolean> LOG_PARAMETERS = ConfigKey.bool("query.log_parameters")
            .defaultValue(false)
            .description("Shows the SQL as executed and its bind values in the slow query log (still passed through "
                    + "password redaction); off, the log shows the fingerprint with every value as ?.")
            .build();

    /** Whether one execution's values per fingerprint are kept for EXPLAIN. */
    public static final ConfigKey<Boolean> CAPTURE_EXPLAIN_SAMPLES = ConfigKey.bool("query.capture_explain_samples")
            .defaultValue(true)
            .description("Keeps, in memory only, the bound values of each fingerprint's slowest sampled execution, "
                    + "so that EXPLAIN runs with realistic values; never logged or reported.")
            .build();

    /** More packages or methods skipped when finding a statement's call site. */
    public static final ConfigKey<List<String>> EXCLUDE_FROM_CALL_SITES = ConfigKey
            .list("query.exclude_from_call_sites").defaultValue(List.of()).defaultText("(none)")
            .description("Class-name prefixes (com.acme.db.) or Class.method names skipped, besides the JDK, drivers, "
                    + "pools, ORMs and dbopt, when finding the application code that ran a statement.")
            .build();

    /** Time limit of each EXPLAIN and statistics query the optimizer runs. */
    public static final ConfigKey<Duration> STATEMENT_TIMEOUT = ConfigKey
            .duration("query.statement_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(10)).positive()
            .description("Time limit of each EXPLAIN, catalog and server-statistics query QueryOptimizer runs.")
            .build();

    /** N+1 patterns the health check tolerates. */
    public static final ConfigKey<Integer> HEALTH_MAX_N_PLUS_ONE = ConfigKey.integer("query.health_max_n_plus_one")
            .defaultValue(0).range(0, 1_000_000)
            .description("QueryOptimizer.healthCheck() answers DEGRADED when more N+1 patterns than this were found.")
            .build();

    /** Share of slow statements the health check tolerates. */
    public static final ConfigKey<Double> HEALTH_MAX_SLOW_SHARE = ConfigKey.decimal("query.health_max_slow_share")
            .defaultValue(0.05).range(0.0, 1.0)
            .description("QueryOptimizer.healthCheck() answers DEGRADED when more than this share of the statements "
                    + "recorded were slow (see query.health_min_statements).")
            .build();

    /** Statements needed before the share of slow ones is judged. */
    public static final ConfigKey<Long> HEALTH_MIN_STATEMENTS = ConfigKey.longValue("query.health_min_statements")
            .defaultValue(20L).notNegative()
            .description("The share of slow statements is judged only once at least this many statements ran.")
            .build();

    /** Whether an optimizer created from the configuration attaches a result cache. */
    public static final ConfigKey<Boolean> CACHE_ENABLED = ConfigKey.bool("cache.enabled").defaultValue(false)
            .description("QueryOptimizer.create(config) attaches a QueryCache built from the cache.* settings, "
                    + "invalidated by its profiler.")
            .build();

    /** The name that starts the cache's log lines and tags its meters. */
    public static final ConfigKey<String> CACHE_NAME = ConfigKey.string("cache.name").defaultValue("query-cache")
            .description("The name that starts the cache's log lines and tags its meters.")
            .build();

    /** Entries the in-process tier keeps. */
    public static final ConfigKey<Long> CACHE_MAXIMUM_SIZE = ConfigKey.longValue("cache.maximum_size")
            .defaultValue(10_000L).range(1, Long.MAX_VALUE)
            .description("Entries the in-process tier keeps; the least used are evicted beyond it.")
            .build();

    /** How long an entry lives in both tiers. */
    public static final ConfigKey<Duration> CACHE_TTL = ConfigKey.duration("cache.ttl", ChronoUnit.SECONDS)
            .defaultValue(Duration.ofMinutes(5)).positive()
            .description("How long an entry lives, in memory and in Redis.")
            .build();

    /** The shared Redis tier. */
    public static final ConfigKey<Secret> CACHE_REDIS_URL = ConfigKey.secret("cache.redis_url")
            .description("The shared tier, redis://host:6379/0 (also rediss://, redis-socket://); needs Lettuce on "
                    + "the class path. Unset: in-process only. Masked like a password.")
            .build();

    /** The prefix of every Redis key and of the invalidation channel. */
    public static final ConfigKey<String> CACHE_KEY_PREFIX = ConfigKey.string("cache.key_prefix")
            .defaultValue("dbopt:qc:")
            .check(p -> !p.isBlank() && !p.contains(" "), "a prefix without spaces")
            .description("The prefix of every Redis key and of the invalidation channel; one per application.")
            .build();

    /** The longest one Redis command may take. */
    public static final ConfigKey<Duration> CACHE_REDIS_TIMEOUT = ConfigKey
            .duration("cache.redis_timeout", ChronoUnit.MILLIS).defaultValue(Duration.ofSeconds(2)).positive()
            .description("The longest one Redis command may take before the cache runs the query itself.")
            .build();

    /** For {@link java.util.ServiceLoader}; the keys are the constants above. */
    public QueryKeys() {
        // stateless
    }

    @Override
    public String module() {
        return "dbopt-query";
    }

    @Override
    public List<String> sections() {
        return List.of("query", "cache");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(NAME, SLOW_QUERY_THRESHOLD, N_PLUS_ONE_THRESHOLD, MAX_FINGERPRINTS, CALL_SITE_SAMPLING,
                LOG_PARAMETERS, CAPTURE_EXPLAIN_SAMPLES, EXCLUDE_FROM_CALL_SITES, STATEMENT_TIMEOUT,
                HEALTH_MAX_N_PLUS_ONE, HEALTH_MAX_SLOW_SHARE, HEALTH_MIN_STATEMENTS, CACHE_ENABLED, CACHE_NAME,
                CACHE_MAXIMUM_SIZE, CACHE_TTL, CACHE_REDIS_URL, CACHE_KEY_PREFIX, CACHE_REDIS_TIMEOUT);
    }
}
