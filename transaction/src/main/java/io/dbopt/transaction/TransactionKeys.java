package io.dbopt.transaction;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every setting of the transaction module ({@code transaction.*}), read from
 * {@link io.dbopt.core.config.DbOptConfig} by
 * {@link TransactionManager.Builder#config(io.dbopt.core.config.DbOptConfig)} and
 * {@link TransactionManager#create(io.dbopt.core.config.DbOptConfig)}. The defaults here are the builder's
 * defaults: there are no others. Stateless; found by {@link java.util.ServiceLoader}.
 */
public final class TransactionKeys implements ConfigSchema {

    /** The name that starts the manager's log lines. */
    public static final ConfigKey<String> NAME = ConfigKey.string("transaction.name").defaultValue("transactions")
            .check(n -> !n.isBlank() && n.length() <= 200, "1 to 200 characters")
            .description("The name that starts the transaction manager's log lines and names it in health results.")
            .build();

    /** The isolation of transactions that name none. */
    public static final ConfigKey<Isolation> ISOLATION = ConfigKey.enumValue("transaction.isolation", Isolation.class)
            .defaultValue(Isolation.READ_COMMITTED)
            .description("The isolation level of transactions no rule of the isolation selector matches, set per "
                    + "transaction with SET TRANSACTION.")
            .build();

    /** The isolation of read-only transactions that name none. */
    public static final ConfigKey<Isolation> READ_ONLY_ISOLATION = ConfigKey
            .enumValue("transaction.read_only_isolation", Isolation.class)
            .description("The isolation level of read-only transactions no rule matches. Not set: "
                    + "transaction.isolation.")
            .build();

    /** Attempts in total, the first included. */
    public static final ConfigKey<Integer> MAX_ATTEMPTS = ConfigKey.integer("transaction.max_attempts")
            .defaultValue(RetryPolicy.defaults().maxAttempts()).range(1, 1_000)
            .description("Attempts of a transaction in total, the first included, when it fails with a retryable "
                    + "error (deadlock, serialization failure, lock timeout, connection lost before COMMIT); 1 means "
                    + "no retry.")
            .build();

    /** The upper bound of the first backoff wait. */
    public static final ConfigKey<Duration> INITIAL_BACKOFF = ConfigKey
            .duration("transaction.initial_backoff", ChronoUnit.MILLIS)
            .defaultValue(RetryPolicy.defaults().initialBackoff()).notNegative()
            .description("The upper bound of the wait before the first retry; it doubles per retry up to "
                    + "transaction.max_backoff, and the wait is drawn uniformly between 0 and it (full jitter).")
            .build();

    /** The largest upper bound of any backoff wait. */
    public static final ConfigKey<Duration> MAX_BACKOFF = ConfigKey
            .duration("transaction.max_backoff", ChronoUnit.MILLIS)
            .defaultValue(RetryPolicy.defaults().maxBackoff()).notNegative()
            .description("The largest upper bound of a wait between attempts; at least transaction.initial_backoff.")
            .build();

    /** No retry starts later than this after the first attempt began. */
    public static final ConfigKey<Duration> MAX_ELAPSED = ConfigKey
            .duration("transaction.max_elapsed", ChronoUnit.SECONDS)
            .defaultValue(RetryPolicy.defaults().maxElapsed()).notNegative()
            .description("No retry starts later than this after the first attempt began.")
            .build();

    /** Refuses transactions without a tenant. */
    public static final ConfigKey<Boolean> REQUIRE_TENANT = ConfigKey.bool("transaction.require_tenant")
            .defaultValue(false)
            .description("Refuses transactions that have no tenant (fail closed for multi-tenant data).")
            .build();

    /** The PostgreSQL setting the tenant is written to. */
    public static final ConfigKey<String> TENANT_SETTING = ConfigKey.string("transaction.tenant_setting")
            .defaultValue("app.tenant_id")
            .description("The PostgreSQL setting the tenant is written to, transaction-locally, with set_config; "
                    + "row-level security policies read it with current_setting(name, true).")
            .build();

    /** The MariaDB user variable the tenant is written to. */
    public static final ConfigKey<String> TENANT_VARIABLE = ConfigKey.string("transaction.tenant_variable")
            .defaultValue("app_tenant_id")
            .description("The MariaDB user variable (without @) the tenant is written to and cleared from after "
                    + "each transaction.")
            .build();

    /** How long a cut-off COMMIT's outcome is asked for. */
    public static final ConfigKey<Duration> RESOLVE_COMMIT_OUTCOME = ConfigKey
            .duration("transaction.resolve_commit_outcome", ChronoUnit.SECONDS).positive()
            .description("On PostgreSQL, a COMMIT cut off by a lost connection is resolved with txid_status on "
                    + "another connection for up to this long (each query bounded by what is left). Not set: the "
                    + "caller gets CommitOutcomeUnknownException.")
            .build();

    /** The table captured deadlocks are written to. */
    public static final ConfigKey<String> DEADLOCK_TABLE = ConfigKey.string("transaction.deadlock_table")
            .description("Writes every captured deadlock to this table (created if missing; the name is quoted by "
                    + "the dialect). Not set: deadlocks are kept in memory only.")
            .build();

    /** Whether MariaDB deadlock victims read the server's deadlock record. */
    public static final ConfigKey<Boolean> CAPTURE_SERVER_DEADLOCKS = ConfigKey
            .bool("transaction.capture_server_deadlocks").defaultValue(true)
            .description("On MariaDB, a deadlock victim reads LATEST DETECTED DEADLOCK from SHOW ENGINE INNODB "
                    + "STATUS (needs the PROCESS privilege; turned off with a warning when it is missing).")
            .build();

    /** Time limit of every statement the module runs on its own behalf. */
    public static final ConfigKey<Duration> CATALOG_QUERY_TIMEOUT = ConfigKey
            .duration("transaction.catalog_query_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(10))
            .positive()
            .description("Time limit of every statement the module runs on its own behalf: catalog and lock views, "
                    + "SHOW ENGINE INNODB STATUS, the deadlock table.")
            .build();

    /** Distinct transaction names tagged in meters. */
    public static final ConfigKey<Integer> METRICS_NAME_TAGS = ConfigKey.integer("transaction.metrics_name_tags")
            .defaultValue(50).range(1, 10_000)
            .description("How many distinct transaction names get their own name tag on the meters; later names "
                    + "share the tag other.")
            .build();

    /** Distinct tenants tagged in meters. */
    public static final ConfigKey<Integer> METRICS_TENANT_TAGS = ConfigKey.integer("transaction.metrics_tenant_tags")
            .defaultValue(0).range(0, 10_000)
            .description("How many distinct tenants get their own tenant tag on the meters; later tenants share the "
                    + "tag other (transactions without a tenant: none); 0 tags every tenant other.")
            .build();

    /** Transactions open longer than this make the health check DEGRADED. */
    public static final ConfigKey<Duration> HEALTH_LONG_TRANSACTION = ConfigKey
            .duration("transaction.health_long_transaction", ChronoUnit.SECONDS)
            .defaultValue(TransactionMonitor.DEFAULT_LONG_RUNNING).positive()
            .description("TransactionManager.healthCheck() answers DEGRADED while a transaction of this process has "
                    + "been open longer than this.")
            .build();

    /** Share of finished transactions that may exhaust their retries. */
    public static final ConfigKey<Double> HEALTH_MAX_EXHAUSTED_SHARE = ConfigKey
            .decimal("transaction.health_max_exhausted_share").defaultValue(0.01).range(0.0, 1.0)
            .description("TransactionManager.healthCheck() answers DEGRADED when, since the previous check, more "
                    + "than this share of finished transactions failed after every retry.")
            .build();

    /** How long a deadlock keeps the health check DEGRADED. */
    public static final ConfigKey<Duration> HEALTH_DEADLOCK_WINDOW = ConfigKey
            .duration("transaction.health_deadlock_window", ChronoUnit.SECONDS).defaultValue(Duration.ofMinutes(5))
            .notNegative()
            .description("TransactionManager.healthCheck() answers DEGRADED while a deadlock victim of this manager "
                    + "is more recent than this; 0 ignores deadlocks.")
            .build();

    /** For {@link java.util.ServiceLoader}; the keys are the constants above. */
    public TransactionKeys() {
        // stateless
    }

    @Override
    public String module() {
        return "dbopt-transaction";
    }

    @Override
    public List<String> sections() {
        return List.of("transaction");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(NAME, ISOLATION, READ_ONLY_ISOLATION, MAX_ATTEMPTS, INITIAL_BACKOFF, MAX_BACKOFF, MAX_ELAPSED,
                REQUIRE_TENANT, TENANT_SETTING, TENANT_VARIABLE, RESOLVE_COMMIT_OUTCOME, DEADLOCK_TABLE,
                CAPTURE_SERVER_DEADLOCKS, CATALOG_QUERY_TIMEOUT, METRICS_NAME_TAGS, METRICS_TENANT_TAGS,
                HEALTH_LONG_TRANSACTION, HEALTH_MAX_EXHAUSTED_SHARE, HEALTH_DEADLOCK_WINDOW);
    }
}
