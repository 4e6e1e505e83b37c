package io.dbopt.transaction;

import io.dbopt.core.Checks;
import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.DataSources;
import io.dbopt.core.jdbc.OwnedDataSource;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.transaction.engine.Plan;
import io.dbopt.transaction.engine.ServerDetection;
import io.dbopt.transaction.engine.TransactionRunner;
import io.dbopt.transaction.monitor.TransactionHealth;
import io.dbopt.transaction.monitor.TransactionMeters;
import io.dbopt.transaction.server.ServerSupport;
import io.dbopt.transaction.server.TenantBinding;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Runs work in database transactions done right: commit on success, rollback on any failure, the connection
 * restored before it goes back to the pool, and retries of deadlock victims, serialization failures and lock
 * timeouts with exponential backoff and full jitter, only where that is safe.
 *
 * <pre>{@code
 * TransactionManager tm = TransactionManager.builder()
 *         .dataSource(pool)
 *         .isolationSelector(IsolationLevelSelector.builder().forName("transfer", Isolation.SERIALIZABLE).build())
 *         .build();
 * long balance = tm.execute(TransactionOptions.named("transfer"), tx -> {
 *     tx.update("UPDATE account SET balance = balance - ? WHERE id = ?", 100, from);
 *     tx.update("UPDATE account SET balance = balance + ? WHERE id = ?", 100, to);
 *     return tx.queryFirst("SELECT balance FROM account WHERE id = ?", rs -> rs.getLong(1), from).orElseThrow();
 * });
 * }</pre>
 *
 * <p>Each attempt borrows a connection from the data source, switches auto-commit off, applies the options
 * (isolation and read-only with {@code SET TRANSACTION}; time limits and tenant transaction-locally on PostgreSQL,
 * as session variables restored afterwards on MariaDB), runs the work and commits. The work may run more than once.
 * A retry happens only when the error's kind is in the {@link RetryPolicy}, the attempt and time budgets allow it,
 * the call is not nested in an outer transaction of the same data source (nested calls join the outer one and never
 * retry on their own), and COMMIT was not cut off: a connection lost during COMMIT raises
 * {@link CommitOutcomeUnknownException} instead.
 *
 * <p>Failures: the work's own unchecked exceptions propagate unchanged after rollback; {@link SQLException}s become
 * {@link TransactionException}s carrying the {@link ErrorKind}; exhausted retries raise
 * {@link RetriesExhaustedException}. Immutable and thread-safe after {@link Builder#build()}; {@link #close()}
 * removes its meters and closes the data source it opened from a configuration (never one it was given).
 *
 * <p>Like every dbopt component it is created from a configuration ({@link #create(DbOptConfig)}, keys in
 * {@link TransactionKeys}) or a builder, and answers {@link #metrics()} and {@link #healthCheck()}.
 */
public final class TransactionManager implements DbOptComponent<TransactionMetrics> {

    private final String name;
    private final DataSource dataSource;
    private final IsolationLevelSelector selector;
    private final RetryPolicy retryPolicy;
    private final boolean requireTenant;
    private final IsolationAdvisor advisor;
    private final Clock clock;
    private final TransactionMonitor monitor;
    private final DeadlockDetector deadlockDetector;
    private final TransactionRunner runner;
    private final Duration commitResolution;
    private final TransactionHealth health;
    private final OwnedDataSource ownedDataSource;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ServerDetection server;

    private TransactionManager(Builder b, DataSource dataSource, OwnedDataSource ownedDataSource,
                               MetricsRecorder recorder) {
        this.name = b.name;
        this.dataSource = dataSource;
        this.ownedDataSource = ownedDataSource;
        this.health = new TransactionHealth(b.healthLongTransaction, b.healthMaxExhaustedShare,
                b.healthDeadlockWindow);
        this.selector = b.selector;
        this.retryPolicy = b.retryPolicy;
        this.requireTenant = b.requireTenant;
        this.server = new ServerDetection(b.name, dataSource, new TenantBinding(b.tenantSetting, b.tenantVariable),
                b.dialect);
        this.advisor = b.advisor;
        this.commitResolution = b.commitResolution;
        this.clock = Clock.systemUTC();
        int nameLimit = b.nameTagLimit;
        int tenantLimit = b.tenantTagLimit;
        this.monitor = new TransactionMonitor(dataSource, this::dialect, b.catalogQueryTimeout, clock,
                open -> new TransactionMeters(recorder, nameLimit, tenantLimit, open));
        this.deadlockDetector = new DeadlockDetector(name, dataSource, this::dialect, b.catalogQueryTimeout, clock,
                Optional.ofNullable(b.deadlockTable), b.captureServerDeadlocks);
        this.runner = new TransactionRunner(name, dataSource, new Context());
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A manager built from the configuration's {@code transaction.*} settings over a data source opened from its
     * {@code database.url} (a dbopt pool when dbopt-pool is on the class path), closed by {@link #close()}.
     *
     * @throws DbOptException when the configuration has no database or a setting is invalid
     */
    public static TransactionManager create(DbOptConfig config) {
        return builder().config(config).build();
    }

    /** A manager built from the configuration's {@code transaction.*} settings over this data source. */
    public static TransactionManager create(DbOptConfig config, DataSource dataSource) {
        return builder().config(config).dataSource(dataSource).build();
    }

    /**
     * Runs {@code work} in a transaction with default options and returns its result.
     *
     * @throws TransactionException when it fails after rollback (and retries)
     * @throws CommitOutcomeUnknownException when the connection was lost during COMMIT
     */
    public <T> T execute(TransactionCallback<T> work) {
        return execute(TransactionOptions.defaults(), work);
    }

    /**
     * Runs {@code work} in a transaction with these options and returns its result; inside an outer transaction of
     * the same data source on this thread, joins it as the options' {@link Propagation} says.
     *
     * @throws TransactionException when it fails after rollback (and retries), with
     *     {@link TransactionErrorCode#RETRY_INSIDE_OUTER_TRANSACTION} when nested work asks for retries, and with
     *     {@link TransactionErrorCode#TENANT_REQUIRED} when a tenant is required and none is given
     * @throws CommitOutcomeUnknownException when the connection was lost during COMMIT
     */
    public <T> T execute(TransactionOptions options, TransactionCallback<T> work) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        if (runner.insideTransaction()) {
            return runner.join(options, work);
        }
        Optional<String> tenant = options.tenant().or(TenantContext::current);
        if (requireTenant && tenant.isEmpty()) {
            throw new TransactionException(TransactionErrorCode.TENANT_REQUIRED, "Transaction '" + options.name()
                    + "' has no tenant, but this manager requires one: pass TransactionOptions.tenant(...) or run it "
                    + "inside TenantContext.runAs(...)");
        }
        IsolationLevelSelector.Selection selection = selector.select(options, tenant);
        Plan plan = new Plan(options, selection.isolation(), selection.reason(), tenant,
                options.retryPolicy().orElse(retryPolicy));
        return runner.run(plan, work);
    }

    /** Runs {@code work} in a transaction with default options; see {@link #execute(TransactionCallback)}. */
    public void run(TransactionWork work) {
        run(TransactionOptions.defaults(), work);
    }

    /**
     * Runs {@code work} in a transaction with these options; see
     * {@link #execute(TransactionOptions, TransactionCallback)}.
     */
    public void run(TransactionOptions options, TransactionWork work) {
        Objects.requireNonNull(work, "work");
        execute(options, tx -> {
            work.run(tx);
            return null;
        });
    }

    /** The isolation policy in force. */
    public IsolationLevelSelector isolationSelector() {
        return selector;
    }

    /** The default retry policy. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The registry of open transactions, outcome counts and the server's view of open transactions. */
    public TransactionMonitor monitor() {
        return monitor;
    }

    /** Blocking trees and deadlock capture for this data source. */
    public DeadlockDetector deadlockDetector() {
        return deadlockDetector;
    }

    /** The isolation advisor fed by this manager's transactions, if one was configured. */
    public Optional<IsolationAdvisor> isolationAdvisor() {
        return Optional.ofNullable(advisor);
    }

    /**
     * The server's dialect, detected from the data source on first use.
     *
     * @throws TransactionException with {@link TransactionErrorCode#CONNECTION_FAILED} when detection fails
     */
    public Dialect dialect() {
        return server.dialect();
    }

    @Override
    public String componentName() {
        return "transaction";
    }

    /** Counts so far and the transactions open now; reads memory only. */
    @Override
    public TransactionMetrics metrics() {
        Instant now = clock.instant();
        List<OpenTransaction> open = monitor.openTransactions();
        Duration oldest = open.isEmpty() ? Duration.ZERO : open.get(0).age(now);
        return new TransactionMetrics(now, monitor.stats(), open.size(), oldest,
                deadlockDetector.recentDeadlocks().size());
    }

    /**
     * UP; DEGRADED while a transaction has been open longer than {@code transaction.health_long_transaction}, when
     * since the previous check more than {@code transaction.health_max_exhausted_share} of finished transactions
     * exhausted their retries or a COMMIT outcome stayed unknown, or while a deadlock victim is more recent than
     * {@code transaction.health_deadlock_window}; DOWN while the last transaction could not get a connection (until
     * one commits) and once closed. Reads what the manager recorded (no database access); never throws.
     */
    @Override
    public Health healthCheck() {
        if (closed.get()) {
            return Health.down(componentName(), "closed");
        }
        try {
            return health.check(componentName(), metrics(), monitor.openLongerThan(health.longTransaction()),
                    deadlockDetector.recentDeadlocks(), monitor.metrics().unreachable());
        } catch (RuntimeException e) {
            return Health.down(componentName(), e.getClass().getSimpleName());
        }
    }

    /**
     * Removes this manager's meters and closes what it opened (the data source of {@link #create(DbOptConfig)}, a
     * registry binding of {@link Builder#meterRegistry(Object)}); idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            monitor.metrics().close(); // closes the recorder, and with it a registry binding of meterRegistry(...)
        } finally {
            if (ownedDataSource != null) {
                ownedDataSource.close();
            }
        }
    }

    @Override
    public String toString() {
        return "TransactionManager[" + name + "]";
    }

    private final class Context implements TransactionRunner.ManagerContext {
        @Override
        public Dialect dialect() {
            return TransactionManager.this.dialect();
        }

        @Override
        public Dialect dialect(java.sql.Connection connection) throws SQLException {
            return server.dialect(connection);
        }

        @Override
        public ServerSupport support() {
            return server.support();
        }

        @Override
        public TransactionMeters meters() {
            return monitor.metrics();
        }

        @Override
        public void opened(OpenTransaction transaction) {
            monitor.opened(transaction);
        }

        @Override
        public void closed(long id) {
            monitor.closed(id);
        }

        @Override
        public void deadlockVictim(String transactionName, Throwable error, Optional<String> sessionId) {
            deadlockDetector.victim(transactionName, error, sessionId);
        }

        @Override
        public Optional<IsolationAdvisor> advisor() {
            return Optional.ofNullable(advisor);
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public Optional<Duration> commitResolution() {
            return Optional.ofNullable(commitResolution);
        }
    }

    /**
     * Configures a {@link TransactionManager}. Every setter validates at once and names the bad value; {@link #build()}
     * leaves the builder unchanged. Not thread-safe.
     */
    public static final class Builder {
        private String name = "transactions";
        private DataSource dataSource;
        private Dialect dialect;
        private IsolationLevelSelector selector = IsolationLevelSelector.defaults();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private boolean requireTenant;
        private Duration commitResolution;
        private String tenantSetting = TenantBinding.DEFAULT.postgresSetting();
        private String tenantVariable = TenantBinding.DEFAULT.mariaDbVariable();
        private MetricsRecorder metrics;
        private Object meterRegistry;
        private DbOptConfig config;
        private int nameTagLimit = TransactionKeys.METRICS_NAME_TAGS.defaultValue().orElseThrow();
        private int tenantTagLimit = TransactionKeys.METRICS_TENANT_TAGS.defaultValue().orElseThrow();
        private IsolationAdvisor advisor;
        private String deadlockTable;
        private boolean captureServerDeadlocks = TransactionKeys.CAPTURE_SERVER_DEADLOCKS.defaultValue().orElseThrow();
        private Duration catalogQueryTimeout = TransactionKeys.CATALOG_QUERY_TIMEOUT.defaultValue().orElseThrow();
        private Duration healthLongTransaction = TransactionKeys.HEALTH_LONG_TRANSACTION.defaultValue().orElseThrow();
        private double healthMaxExhaustedShare = TransactionKeys.HEALTH_MAX_EXHAUSTED_SHARE.defaultValue()
                .orElseThrow();
        private Duration healthDeadlockWindow = TransactionKeys.HEALTH_DEADLOCK_WINDOW.defaultValue().orElseThrow();

        private Builder() {
        }

        /** The data source transactions borrow connections from (required); usually a pool. */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * Applies the configuration's {@code transaction.*} settings ({@link TransactionKeys}) over what was set
         * before; without a {@link #dataSource(DataSource)}, {@link #build()} opens one from its
         * {@code database.url}. The isolation keys replace the isolation selector with one of default rules.
         *
         * @throws DbOptException when a value is invalid, naming the key
         */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            value.find(TransactionKeys.NAME).ifPresent(this::name);
            if (value.isSet(TransactionKeys.ISOLATION) || value.isSet(TransactionKeys.READ_ONLY_ISOLATION)) {
                IsolationLevelSelector.Builder s = IsolationLevelSelector.builder()
                        .defaultIsolation(value.get(TransactionKeys.ISOLATION));
                value.find(TransactionKeys.READ_ONLY_ISOLATION).ifPresent(s::readOnly);
                this.selector = s.build();
            }
            RetryPolicy p = retryPolicy;
            try {
                p = new RetryPolicy(value.find(TransactionKeys.MAX_ATTEMPTS).orElse(p.maxAttempts()),
                        value.find(TransactionKeys.INITIAL_BACKOFF).orElse(p.initialBackoff()),
                        value.find(TransactionKeys.MAX_BACKOFF).orElse(p.maxBackoff()),
                        value.find(TransactionKeys.MAX_ELAPSED).orElse(p.maxElapsed()), p.retryOn());
            } catch (IllegalArgumentException e) {
                throw new TransactionException(TransactionErrorCode.INVALID_CONFIGURATION, "Invalid retry settings ("
                        + TransactionKeys.INITIAL_BACKOFF + ", " + TransactionKeys.MAX_BACKOFF + "): " + e.getMessage()
                        + "; set transaction.max_backoff at least as long as transaction.initial_backoff", e);
            }
            this.retryPolicy = p;
            value.find(TransactionKeys.REQUIRE_TENANT).ifPresent(this::requireTenant);
            apply(value, TransactionKeys.TENANT_SETTING, this::tenantSetting);
            apply(value, TransactionKeys.TENANT_VARIABLE, this::tenantVariable);
            value.find(TransactionKeys.RESOLVE_COMMIT_OUTCOME).ifPresent(this::resolveCommitOutcome);
            apply(value, TransactionKeys.DEADLOCK_TABLE, this::persistDeadlocksTo);
            value.find(TransactionKeys.CAPTURE_SERVER_DEADLOCKS).ifPresent(this::captureServerDeadlocks);
            value.find(TransactionKeys.CATALOG_QUERY_TIMEOUT).ifPresent(this::catalogQueryTimeout);
            metricsTagLimits(value.find(TransactionKeys.METRICS_NAME_TAGS).orElse(nameTagLimit),
                    value.find(TransactionKeys.METRICS_TENANT_TAGS).orElse(tenantTagLimit));
            value.find(TransactionKeys.HEALTH_LONG_TRANSACTION).ifPresent(v -> this.healthLongTransaction = v);
            value.find(TransactionKeys.HEALTH_MAX_EXHAUSTED_SHARE).ifPresent(v -> this.healthMaxExhaustedShare = v);
            value.find(TransactionKeys.HEALTH_DEADLOCK_WINDOW).ifPresent(v -> this.healthDeadlockWindow = v);
            return this;
        }

        /** Applies one setting through its setter, turning the setter's refusal into an error that names the key. */
        private <T> void apply(DbOptConfig value, ConfigKey<T> key, java.util.function.Consumer<T> setter) {
            Optional<T> v = value.find(key);
            if (v.isEmpty()) {
                return;
            }
            try {
                setter.accept(v.get());
            } catch (IllegalArgumentException e) {
                throw new TransactionException(TransactionErrorCode.INVALID_CONFIGURATION, "Invalid setting "
                        + value.spellingOf(key) + ": " + e.getMessage(), e);
            }
        }

        /**
         * The health check's thresholds: a transaction open longer than {@code longTransaction}, a share of
         * finished transactions that exhausted their retries above {@code maxExhaustedShare} (0 to 1), a deadlock
         * more recent than {@code deadlockWindow} (zero: ignored); defaults 30 s, 0.01 and 5 min.
         */
        public Builder healthThresholds(Duration longTransaction, double maxExhaustedShare, Duration deadlockWindow) {
            this.healthLongTransaction = Checks.positive("longTransaction", longTransaction);
            this.healthMaxExhaustedShare = Checks.inRange("maxExhaustedShare", maxExhaustedShare, 0.0, 1.0);
            this.healthDeadlockWindow = Checks.notNegative("deadlockWindow", deadlockWindow);
            return this;
        }

        /** The server's dialect, when known; otherwise it is detected on first use. */
        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /** The name log lines start with and the manager is known by; default {@code transactions}. */
        public Builder name(String value) {
            this.name = TransactionOptions.named(value).name();
            return this;
        }

        /** The isolation policy; default {@link IsolationLevelSelector#defaults()} (READ COMMITTED). */
        public Builder isolationSelector(IsolationLevelSelector value) {
            this.selector = Objects.requireNonNull(value, "isolationSelector");
            return this;
        }

        /** The retry policy of transactions that do not set their own; default {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * Resolves a COMMIT cut off by a lost connection instead of failing with
         * {@link CommitOutcomeUnknownException} (PostgreSQL): just before COMMIT the transaction's id is read
         * ({@code txid_current_if_assigned()}, one extra round trip per transaction that wrote); if the COMMIT is cut
         * off, another connection asks {@code txid_status} for up to {@code maxWait}. Committed: the work's result is
         * returned. Rolled back: the transaction is retried like any lost connection. Still open after a quarter of
         * {@code maxWait} with the old session idle: that session is ended (so the COMMIT never arrived and it rolls
         * back) and the answer read again. A transaction that wrote nothing returns its result. Anything else still
         * raises {@link CommitOutcomeUnknownException}. MariaDB keeps no such record: there the exception stays.
         * Default off.
         *
         * @throws IllegalArgumentException when {@code maxWait} is not positive
         */
        public Builder resolveCommitOutcome(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isZero() || maxWait.isNegative()) {
                throw new IllegalArgumentException("resolveCommitOutcome needs a positive wait, was " + maxWait);
            }
            this.commitResolution = maxWait;
            return this;
        }

        /** Refuses transactions without a tenant (fail closed for multi-tenant data); default off. */
        public Builder requireTenant(boolean value) {
            this.requireTenant = value;
            return this;
        }

        /**
         * The PostgreSQL setting the tenant is written to with {@code set_config(name, tenant, true)}; default
         * {@code app.tenant_id}. Row-level security policies read it with {@code current_setting(name, true)}.
         */
        public Builder tenantSetting(String value) {
            this.tenantSetting = new TenantBinding(value, tenantVariable).postgresSetting();
            return this;
        }

        /**
         * The MariaDB user variable (without {@code @}) the tenant is written to and cleared from after each
         * transaction; default {@code app_tenant_id}.
         */
        public Builder tenantVariable(String value) {
            this.tenantVariable = new TenantBinding(tenantSetting, value).mariaDbVariable();
            return this;
        }

        /** Where commits, rollbacks, retries and durations are recorded; default none. */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            this.meterRegistry = null;
            return this;
        }

        /**
         * Records the meters into a Micrometer {@code MeterRegistry} (typed {@code Object} so that Micrometer stays
         * optional); {@link TransactionManager#close()} removes them.
         */
        public Builder meterRegistry(Object registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            this.metrics = null;
            return this;
        }

        /**
         * How many distinct transaction names and tenants get their own metrics tag before the rest share
         * {@code other}; defaults 50 and 0 (tenants are not tags unless asked for).
         */
        public Builder metricsTagLimits(int names, int tenants) {
            if (names < 1 || tenants < 0) {
                throw new IllegalArgumentException("metrics tag limits must be at least 1 name and 0 tenants, were "
                        + names + " and " + tenants);
            }
            this.nameTagLimit = names;
            this.tenantTagLimit = tenants;
            return this;
        }

        /** Feeds every committed transaction's statements to this advisor (see {@link IsolationAdvisor}). */
        public Builder isolationAdvisor(IsolationAdvisor value) {
            this.advisor = Objects.requireNonNull(value, "isolationAdvisor");
            return this;
        }

        /**
         * Writes every captured deadlock to this table (created if missing, in the current schema or database). The
         * name is quoted by the dialect when it is used, so any name both servers can store is safe; it must fit in
         * 63 bytes of UTF-8, since PostgreSQL would silently truncate a longer one (two long names could then name
         * one table).
         *
         * @throws TransactionException with {@link TransactionErrorCode#INVALID_CONFIGURATION} naming what is wrong
         */
        public Builder persistDeadlocksTo(String table) {
            try {
                for (DatabaseProduct product : List.of(DatabaseProduct.POSTGRESQL, DatabaseProduct.MARIADB)) {
                    Dialect.of(product, product.minimumVersion()).validateIdentifier(table);
                }
            } catch (DbOptException e) {
                throw new TransactionException(TransactionErrorCode.INVALID_CONFIGURATION, "Deadlock table name "
                        + "cannot be used: " + e.getMessage(), e);
            }
            this.deadlockTable = table;
            return this;
        }

        /**
         * Whether, on MariaDB, a deadlock victim reads the server's LATEST DETECTED DEADLOCK record (needs the
         * PROCESS privilege; turned off with a warning when it is missing); default on.
         */
        public Builder captureServerDeadlocks(boolean value) {
            this.captureServerDeadlocks = value;
            return this;
        }

        /** The time limit of the monitor's and detector's catalog queries; default 10 s. */
        public Builder catalogQueryTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("catalogQueryTimeout must be positive, was " + value);
            }
            this.catalogQueryTimeout = value;
            return this;
        }

        /**
         * Builds the manager. Given a data source, no connection is opened here; given only a configuration, its
         * data source is opened (and closed again when a later step fails).
         *
         * @throws IllegalStateException when neither a data source nor a configuration was given
         * @throws DbOptException when the configuration names no database
         */
        public TransactionManager build() {
            if (dataSource == null && config == null) {
                throw new IllegalStateException("TransactionManager needs a dataSource(...) or a config(...) with a "
                        + "database_url");
            }
            OwnedDataSource owned = dataSource == null ? DataSources.open(config) : null;
            try {
                MetricsRecorder recorder = meterRegistry != null ? MetricsRecorder.micrometer(meterRegistry)
                        : metrics != null ? metrics : MetricsRecorder.noop();
                return new TransactionManager(this, owned != null ? owned : dataSource, owned, recorder);
            } catch (RuntimeException e) {
                if (owned != null) {
                    try {
                        owned.close();
                    } catch (RuntimeException closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
        }
    }
}
