package io.dbopt.transaction;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.metrics.MetricsRecorder;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 * removes its meters.
 */
public final class TransactionManager implements AutoCloseable {

    private final String name;
    private final DataSource dataSource;
    private final IsolationLevelSelector selector;
    private final RetryPolicy retryPolicy;
    private final boolean requireTenant;
    private final ServerSupport.TenantBinding tenantBinding;
    private final IsolationAdvisor advisor;
    private final Clock clock;
    private final TransactionMonitor monitor;
    private final DeadlockDetector deadlockDetector;
    private final TransactionRunner runner;
    private final Object detectLock = new Object();
    private final Duration commitResolution;
    private volatile Dialect dialect;
    private volatile ServerSupport support;

    private TransactionManager(Builder b) {
        this.name = b.name;
        this.dataSource = b.dataSource;
        this.selector = b.selector;
        this.retryPolicy = b.retryPolicy;
        this.requireTenant = b.requireTenant;
        this.tenantBinding = new ServerSupport.TenantBinding(b.tenantSetting, b.tenantVariable);
        this.advisor = b.advisor;
        this.commitResolution = b.commitResolution;
        this.clock = Clock.systemUTC();
        this.dialect = b.dialect;
        MetricsRecorder recorder = b.metrics;
        int nameLimit = b.nameTagLimit;
        int tenantLimit = b.tenantTagLimit;
        this.monitor = new TransactionMonitor(dataSource, this::dialect, b.catalogQueryTimeout, clock,
                open -> new TransactionMetrics(recorder, nameLimit, tenantLimit, open));
        this.deadlockDetector = new DeadlockDetector(name, dataSource, this::dialect, b.catalogQueryTimeout, clock,
                Optional.ofNullable(b.deadlockTable), b.captureServerDeadlocks);
        this.runner = new TransactionRunner(name, dataSource, new Context());
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
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
        ActiveTransactions.Frame outer = ActiveTransactions.current(dataSource);
        if (outer != null) {
            return Nesting.join(outer, options, work);
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
        Dialect d = dialect;
        if (d == null) {
            synchronized (detectLock) {
                d = dialect;
                if (d == null) {
                    try {
                        d = DatabaseInfo.detect(dataSource).dialect();
                    } catch (DbOptException e) {
                        ErrorKind kind = SqlErrors.classify(e);
                        throw new TransactionException(TransactionErrorCode.CONNECTION_FAILED, "Cannot detect the "
                                + "database of transaction manager " + name + " (" + kind + "): check that it is "
                                + "reachable, or give the dialect to the builder", e);
                    }
                    dialect = d;
                }
            }
        }
        return d;
    }

    /** The dialect, detected from this connection's metadata on first use (no query, no second connection). */
    private Dialect dialect(java.sql.Connection connection) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            synchronized (detectLock) {
                d = dialect;
                if (d == null) {
                    d = DatabaseInfo.dialectOf(connection.getMetaData());
                    dialect = d;
                }
            }
        }
        return d;
    }

    private ServerSupport support() {
        ServerSupport s = support;
        if (s == null) {
            s = ServerSupport.of(dialect(), tenantBinding);
            support = s;
        }
        return s;
    }

    /** Removes this manager's meters from the metrics recorder. */
    @Override
    public void close() {
        monitor.metrics().close();
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
            return TransactionManager.this.dialect(connection);
        }

        @Override
        public ServerSupport support() {
            return TransactionManager.this.support();
        }

        @Override
        public TransactionMonitor monitor() {
            return monitor;
        }

        @Override
        public DeadlockDetector deadlockDetector() {
            return deadlockDetector;
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
        private String tenantSetting = ServerSupport.TenantBinding.DEFAULT.postgresSetting();
        private String tenantVariable = ServerSupport.TenantBinding.DEFAULT.mariaDbVariable();
        private MetricsRecorder metrics = MetricsRecorder.noop();
        private int nameTagLimit = 50;
        private int tenantTagLimit = 20;
        private IsolationAdvisor advisor;
        private String deadlockTable;
        private boolean captureServerDeadlocks = true;
        private Duration catalogQueryTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The data source transactions borrow connections from (required); usually a pool. */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
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
            this.tenantSetting = new ServerSupport.TenantBinding(value, tenantVariable).postgresSetting();
            return this;
        }

        /**
         * The MariaDB user variable (without {@code @}) the tenant is written to and cleared from after each
         * transaction; default {@code app_tenant_id}.
         */
        public Builder tenantVariable(String value) {
            this.tenantVariable = new ServerSupport.TenantBinding(tenantSetting, value).mariaDbVariable();
            return this;
        }

        /** Where commits, rollbacks, retries and durations are recorded; default none. */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * How many distinct transaction names and tenants get their own metrics tag before the rest share
         * {@code other}; defaults 50 and 20.
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
         * name is quoted by the dialect when it is used.
         */
        public Builder persistDeadlocksTo(String table) {
            if (table == null || table.isBlank() || table.length() > 63 || table.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("Deadlock table name '" + table + "' must be 1-63 characters "
                        + "without NUL");
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

        /** Builds the manager; fails when no data source was given. No connection is opened here. */
        public TransactionManager build() {
            if (dataSource == null) {
                throw new IllegalStateException("TransactionManager needs a dataSource(...)");
            }
            return new TransactionManager(this);
        }
    }
}
