package io.dbopt.pool;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.DbOptException;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.CoreKeys;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.config.Secret;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.jdbc.DriverDefaults;
import io.dbopt.core.jdbc.OwnedDataSource;
import io.dbopt.core.jdbc.SqlFunction;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.pool.engine.PoolDataSource;
import io.dbopt.pool.engine.ScopeRunner;
import io.dbopt.pool.health.PoolFindings;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HikariCP connection pool that reports its health, finds leaks and dead connections, sizes itself to the load and
 * keeps one tenant from starving the others. The one entry point of dbopt-pool.
 *
 * <pre>{@code
 * DbOptConfig config = DbOptConfig.of(Map.of(
 *         "database_url", "postgresql://app:secret@db:5432/app",
 *         "pool_size", 10, "max_overflow", 20, "pool_timeout", 30, "pool_recycle", 1800));
 * try (ConnectionPoolManager pool = ConnectionPoolManager.create(config)) {
 *     long n = pool.inTransaction(c -> ...);        // the session scope: commit, or roll back on failure
 *     PoolSnapshot metrics = pool.metrics();        // size, checked_in, checked_out, overflow, percentiles, ...
 *     HealthStatus status = pool.healthCheck().status();
 *     DataSource ds = pool.dataSource();            // hand this to JDBC code, jOOQ, Hibernate, ...
 * }
 * }</pre>
 *
 * <p>It builds a HikariCP pool (or adopts an existing {@link HikariDataSource}) and adds: safe defaults HikariCP
 * leaves to the user (socket and connect timeouts, an application name, leak detection), {@link #metrics()} and
 * meters, {@link #healthCheck()} and the {@link ConnectionHealthCheck}, an {@link AdaptivePoolSizer} and
 * {@link TenantBulkheads}. Settings come from a {@link DbOptConfig} ({@link PoolKeys}) or the {@link Builder}.
 * Background work runs on two daemon threads of the pool's own (in-memory monitoring and server reads), stopped by
 * {@link #close()}, which also closes HikariCP (an adopted pool included). Thread-safe.
 */
public final class ConnectionPoolManager implements DbOptComponent<PoolSnapshot> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPoolManager.class);

    private final PoolAssembly.Parts parts;
    private final PoolDataSource dataSource;

    private ConnectionPoolManager(PoolAssembly.Parts parts) {
        this.parts = parts;
        this.dataSource = PoolDataSource.of(parts.pool(), this::close);
    }

    /**
     * A pool for the configuration's {@code database.url} ({@code database_url}: JDBC or SQLAlchemy form) with its
     * {@code pool.*} settings ({@link PoolKeys}).
     *
     * @throws DbOptException when no {@code database.url} is set
     * @throws PoolException for contradicting settings, or the acquire codes when no first connection can be opened
     */
    public static ConnectionPoolManager create(DbOptConfig config) {
        config.requireDatabase();
        return builder().config(config).build();
    }

    /**
     * A pool of {@code dataSource}'s connections with the configuration's {@code pool.*} settings; a
     * {@code database.url} in the configuration is not used.
     *
     * @throws PoolException for contradicting settings, or the acquire codes when no first connection can be opened
     */
    public static ConnectionPoolManager create(DbOptConfig config, DataSource dataSource) {
        return builder().config(config).dataSource(dataSource).build();
    }

    /** Starts a pool configuration with dbopt's defaults (the defaults of {@link PoolKeys}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The pooled data source: {@code getConnection()} borrows (failing with a {@link PoolAcquireException} that
     * names the case), {@code close()} on the connection returns it. Closing the data source closes the pool, as
     * closing a {@link HikariDataSource} does.
     */
    public OwnedDataSource dataSource() {
        return dataSource;
    }

    /**
     * A data source whose connections count against the tenant's limit; closing it does nothing.
     *
     * @throws PoolException with {@link PoolErrorCode#INVALID_CONFIGURATION} when the pool has no tenant policy
     *     or the id is blank, longer than 128 characters or contains control characters
     */
    public DataSource dataSource(String tenant) {
        return requireTenants().dataSource(tenant);
    }

    /**
     * Borrows a connection, applies {@code work} and returns the connection, on every path.
     *
     * @throws PoolException when no connection can be had (its code names the case) or {@code work} fails with an
     *     {@link java.sql.SQLException} (code {@link PoolErrorCode#SQL_FAILED}, the database error classified)
     */
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        return ScopeRunner.withConnection(parts.pool().name(), dataSource, Objects.requireNonNull(work, "work"));
    }

    /** Like {@link #withConnection(SqlFunction)}, counting against the tenant's limit. */
    public <T> T withConnection(String tenant, SqlFunction<Connection, T> work) {
        return ScopeRunner.withConnection(parts.pool().name(), dataSource(tenant),
                Objects.requireNonNull(work, "work"));
    }

    /**
     * Borrows a connection, runs {@code work} in a transaction and commits it (the seed's {@code session_scope()});
     * rolls back when {@code work} throws anything, then rethrows. The connection is returned on every path, with
     * autocommit restored by HikariCP.
     *
     * @throws PoolException as {@link #withConnection(SqlFunction)}; when the commit itself fails with a lost
     *     connection the outcome is unknown, which the message says
     */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        return ScopeRunner.inTransaction(parts.pool().name(), dataSource, Objects.requireNonNull(work, "work"));
    }

    /** Like {@link #inTransaction(SqlFunction)}, counting against the tenant's limit. */
    public <T> T inTransaction(String tenant, SqlFunction<Connection, T> work) {
        return ScopeRunner.inTransaction(parts.pool().name(), dataSource(tenant), Objects.requireNonNull(work, "work"));
    }

    /** {@code pool}. */
    @Override
    public String componentName() {
        return "pool";
    }

    /**
     * The pool's numbers now: its state in the seed's terms ({@code size}, {@code checked_in}, {@code checked_out},
     * {@code overflow}), bounds, percentiles since start and event counts. Reads counters and copies two small
     * histograms; never touches the database.
     */
    @Override
    public PoolSnapshot metrics() {
        return parts.pool().snapshot();
    }

    /**
     * The pool's health now, from memory, without touching the database (so it answers at once even while the
     * database hangs): DOWN when the pool is closed or no connection is open and none can be opened; DEGRADED when it
     * is saturated, borrowers timed out within the last minute, a borrow is held past the leak threshold, or the last
     * background {@linkplain #connectionHealth() connection check} (every {@code health_check_interval}) found dropped
     * connections, idle transactions, the cluster budget exceeded or could not read the server; UP otherwise. The
     * details hold the numbers in the seed's terms, the findings say why. Never throws.
     */
    @Override
    public Health healthCheck() {
        try {
            return parts.componentHealth().check(parts.health().lastReport());
        } catch (RuntimeException e) {
            return Health.down("pool", parts.pool().name() + " - the health check failed: " + e);
        }
    }

    /** Validation, reconciliation with the server and leak reports (run in the background and on demand). */
    public ConnectionHealthCheck connectionHealth() {
        return parts.health();
    }

    /** The adaptive sizer, when adaptive sizing is on. */
    public Optional<AdaptivePoolSizer> sizer() {
        return parts.sizer().map(s -> s);
    }

    /** The tenant bulkheads, when a tenant policy is set. */
    public Optional<TenantBulkheads> tenants() {
        return parts.tenants().map(t -> t);
    }

    /** The settings in force. */
    public PoolConfig config() {
        return parts.pool().config();
    }

    /**
     * What needs attention now, from the configuration, the counters, suspected leaks and the last health check's
     * reconciliation with the server.
     */
    public List<Finding> findings() {
        return PoolFindings.forReport(config(), metrics(),
                parts.health().lastReport().flatMap(HealthReport::reconciliation), parts.health().leaks());
    }

    /**
     * The HikariCP pool underneath, for what dbopt does not cover. Borrowing from it directly bypasses dbopt's
     * bookkeeping (leaks, tenants, usage times); resizing it fights the adaptive sizer.
     */
    public HikariDataSource hikariDataSource() {
        return parts.pool().hikari();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return parts.pool().isClosed();
    }

    private TenantBulkheads requireTenants() {
        return parts.tenants().orElseThrow(() -> new PoolException(PoolErrorCode.INVALID_CONFIGURATION,
                parts.pool().name() + " - the pool has no tenant policy: build it with tenants(TenantPolicy.builder()"
                        + "...build()) to lend per tenant"));
    }

    /** Stops the background work, closes HikariCP and its connections and removes the pool's meters; idempotent. */
    @Override
    public synchronized void close() {
        if (parts.pool().isClosed()) {
            return;
        }
        parts.monitor().close();
        try {
            parts.server().close();
        } finally {
            parts.pool().close();
            if (parts.ownsRecorder()) {
                parts.recorder().close();
            }
            LOG.info("{} - closed", parts.pool().name());
        }
    }

    @Override
    public String toString() {
        return "ConnectionPoolManager[" + parts.pool().name() + ", " + metrics().describe() + "]";
    }

    /**
     * Configures a {@link ConnectionPoolManager}. Defaults are those of {@link PoolKeys}; {@link #config(DbOptConfig)}
     * applies a configuration's {@code database.*} and {@code pool.*} settings, and setters called after it win.
     * Setters validate at once and name the setting, the bad value and what is allowed (a {@link PoolException} with
     * {@link PoolErrorCode#INVALID_CONFIGURATION}); incompatible choices fail at {@link #build()}, which leaves the
     * builder unchanged. Not thread-safe.
     */
    public static final class Builder {
        String jdbcUrl;
        boolean urlFromConfig;
        String username;
        Secret password = Secret.empty();
        String driverClassName;
        final Properties driverProperties = new Properties();
        boolean showValues;
        DataSource dataSource;
        HikariDataSource adopted;
        String poolName = defaultOf(PoolKeys.NAME);
        String applicationName;
        int poolSize = defaultOf(PoolKeys.SIZE);
        int maxOverflow = defaultOf(PoolKeys.MAX_OVERFLOW);
        boolean maxOverflowSet;
        Duration poolTimeout = defaultOf(PoolKeys.TIMEOUT);
        Duration poolRecycle = PoolKeys.recycle(defaultOf(PoolKeys.RECYCLE));
        boolean prePing = defaultOf(PoolKeys.PRE_PING);
        boolean prePingGiven;
        Boolean useLifo;
        boolean echo = defaultOf(PoolKeys.ECHO);
        Duration idleTimeout = defaultOf(PoolKeys.IDLE_TIMEOUT);
        Duration socketTimeout = defaultOf(PoolKeys.SOCKET_TIMEOUT);
        Duration connectTimeout;
        Duration leakThreshold = defaultOf(PoolKeys.LEAK_THRESHOLD);
        LeakCapture leakCapture = defaultOf(PoolKeys.LEAK_CAPTURE);
        Duration healthCheckInterval = defaultOf(PoolKeys.HEALTH_CHECK_INTERVAL);
        Duration monitorQueryTimeout = defaultOf(PoolKeys.MONITOR_QUERY_TIMEOUT);
        int serverReserve = defaultOf(PoolKeys.SERVER_RESERVE);
        int clusterBudget = defaultOf(PoolKeys.CLUSTER_BUDGET);
        boolean refuseUnsafe = defaultOf(PoolKeys.REFUSE_UNSAFE_SETTINGS);
        boolean failFast = defaultOf(PoolKeys.FAIL_FAST);
        SizingPolicy sizing;
        TenantPolicy tenants;
        MetricsRecorder recorder = MetricsRecorder.noop();
        boolean ownsRecorder;

        private Builder() {
        }

        /**
         * Applies a configuration: {@code database.url} (JDBC or SQLAlchemy form), {@code database.user} and
         * {@code database.password} when a URL is set, and every {@code pool.*} setting that is set
         * ({@link PoolKeys}); settings not set keep their current value. Values were checked when the configuration
         * was built.
         *
         * @throws PoolException when two settings contradict (both {@code max_overflow} and
         *     {@code maximum_pool_size}, {@code pool_timeout} and {@code connection_timeout}, ...) or a value does not
         *     fit the others ({@code maximum_pool_size} below {@code pool_size})
         */
        public Builder config(DbOptConfig config) {
            Objects.requireNonNull(config, "config");
            config.database().ifPresent(url -> {
                jdbcUrl = url.jdbcUrl();
                urlFromConfig = true;
                url.user().ifPresent(u -> username = u);
                if (!url.password().isEmpty()) {
                    password = url.password();
                }
            });
            config.find(CoreKeys.SHOW_VALUES).ifPresent(this::showValuesInErrors);
            config.find(PoolKeys.NAME).ifPresent(this::poolName);
            config.find(PoolKeys.APPLICATION_NAME).ifPresent(this::applicationName);
            config.find(PoolKeys.DRIVER_CLASS_NAME).ifPresent(this::driverClassName);
            config.find(PoolKeys.SIZE).ifPresent(this::poolSize);
            config.find(oneOf(config, PoolKeys.MAX_OVERFLOW, PoolKeys.MAXIMUM_POOL_SIZE)).ifPresent(this::maxOverflow);
            config.find(PoolKeys.MAXIMUM_POOL_SIZE).ifPresent(max -> {
                if (max < poolSize) {
                    throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Pool setting "
                            + config.spellingOf(PoolKeys.MAXIMUM_POOL_SIZE) + " = " + max + " is not valid: use at "
                            + "least pool_size (" + poolSize + "); maximum_pool_size = pool_size + max_overflow");
                }
                maxOverflow(max - poolSize);
            });
            config.find(oneOf(config, PoolKeys.TIMEOUT, PoolKeys.CONNECTION_TIMEOUT))
                    .or(() -> config.find(PoolKeys.CONNECTION_TIMEOUT)).ifPresent(this::poolTimeout);
            config.find(oneOf(config, PoolKeys.RECYCLE, PoolKeys.MAX_LIFETIME)).map(PoolKeys::recycle)
                    .or(() -> config.find(PoolKeys.MAX_LIFETIME)).ifPresent(this::poolRecycle);
            config.find(PoolKeys.PRE_PING).ifPresent(this::prePing);
            config.find(PoolKeys.USE_LIFO).ifPresent(this::useLifo);
            config.find(PoolKeys.ECHO).ifPresent(this::echo);
            config.find(PoolKeys.IDLE_TIMEOUT).ifPresent(this::idleTimeout);
            config.find(PoolKeys.SOCKET_TIMEOUT).ifPresent(this::socketTimeout);
            config.find(PoolKeys.CONNECT_TIMEOUT).ifPresent(this::connectTimeout);
            config.find(oneOf(config, PoolKeys.LEAK_THRESHOLD, PoolKeys.LEAK_DETECTION_THRESHOLD))
                    .or(() -> config.find(PoolKeys.LEAK_DETECTION_THRESHOLD)).ifPresent(this::leakDetectionThreshold);
            config.find(PoolKeys.LEAK_CAPTURE).ifPresent(this::leakCapture);
            config.find(PoolKeys.HEALTH_CHECK_INTERVAL).ifPresent(this::healthCheckInterval);
            config.find(PoolKeys.MONITOR_QUERY_TIMEOUT).ifPresent(this::monitorQueryTimeout);
            config.find(PoolKeys.ADAPTIVE).ifPresent(this::adaptiveSizing);
            config.find(PoolKeys.CLUSTER_BUDGET).ifPresent(this::clusterBudget);
            config.find(PoolKeys.SERVER_RESERVE).ifPresent(this::serverReserve);
            config.find(PoolKeys.REFUSE_UNSAFE_SETTINGS).ifPresent(this::refuseUnsafeSettings);
            config.find(PoolKeys.FAIL_FAST).ifPresent(this::failFast);
            return this;
        }

        /**
         * {@code preferred}, after checking that the configuration does not set both it and {@code other} (two
         * names of one setting, in different units or terms).
         */
        private static <T> ConfigKey<T> oneOf(DbOptConfig config, ConfigKey<T> preferred, ConfigKey<?> other) {
            if (config.isSet(preferred) && config.isSet(other)) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Set either "
                        + config.spellingOf(preferred) + " or " + config.spellingOf(other) + ", not both: they are "
                        + "two names of one setting (" + other.description() + ")");
            }
            return preferred;
        }

        /** The JDBC URL to connect to; secrets in it never reach logs or messages. */
        public Builder jdbcUrl(String value) {
            if (value == null || !value.startsWith("jdbc:")) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Pool setting jdbc_url = '"
                        + (value == null ? "null" : io.dbopt.core.Redaction.redactUrl(value)) + "' is not valid: use a "
                        + "JDBC URL starting with jdbc:, such as jdbc:postgresql://host/db (or database_url in a "
                        + "DbOptConfig, which also takes postgresql://user@host/db)");
            }
            this.jdbcUrl = value;
            this.urlFromConfig = false;
            return this;
        }

        /** The user to connect as. */
        public Builder username(String value) {
            this.username = Objects.requireNonNull(value, "username");
            return this;
        }

        /** The password; never logged, never shown. */
        public Builder password(String value) {
            this.password = Secret.of(Objects.requireNonNull(value, "password"));
            return this;
        }

        /**
         * Whether the driver may put row values and statement parameters in its error messages (pgjdbc's DETAIL
         * lines and batch entries); off by default ({@code database.show_values}), because applications log those
         * messages. A {@code logServerErrorDetail} or {@code dumpQueriesOnException} in the URL or the driver
         * properties wins.
         */
        public Builder showValuesInErrors(boolean value) {
            this.showValues = value;
            return this;
        }

        /** The driver class, when the driver does not register itself with {@code DriverManager}. */
        public Builder driverClassName(String value) {
            this.driverClassName = Objects.requireNonNull(value, "driverClassName");
            return this;
        }

        /** A driver property (pgjdbc's {@code sslmode}, MariaDB's {@code useCompression}, ...). */
        public Builder driverProperty(String key, String value) {
            driverProperties.setProperty(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Pools connections of this data source instead of a URL (its timeouts are then its own); it replaces a
         * {@code database.url} that came from {@link #config(DbOptConfig)}.
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            if (urlFromConfig) {
                jdbcUrl = null;
                urlFromConfig = false;
            }
            return this;
        }

        /**
         * Adopts an existing HikariCP pool instead of building one: dbopt adds its bookkeeping, health checks and
         * sizing, and closes it on {@link ConnectionPoolManager#close()}. Its size bounds become {@code pool_size}
         * ({@code minimumIdle}) and {@code max_overflow} (the rest up to {@code maximumPoolSize}) unless set here.
         */
        public Builder adopt(HikariDataSource value) {
            this.adopted = Objects.requireNonNull(value, "hikariDataSource");
            return this;
        }

        /** The pool's name, the first word of its log lines and its {@code pool} metric tag; default "dbopt". */
        public Builder poolName(String value) {
            this.poolName = checked(PoolKeys.NAME, value, value);
            return this;
        }

        /**
         * The application name the server attributes sessions to; all instances of one application should share
         * it, as the cluster budget counts sessions by it. Default: the pool name. At most 63 characters, no
         * {@code :} or {@code ,}.
         */
        public Builder applicationName(String value) {
            this.applicationName = checked(PoolKeys.APPLICATION_NAME, value, value);
            return this;
        }

        /** {@code pool_size}: connections kept open, and the floor of adaptive sizing; default 5. */
        public Builder poolSize(int value) {
            this.poolSize = checked(PoolKeys.SIZE, value, Integer.toString(value));
            return this;
        }

        /** {@code max_overflow}: how many connections above {@code pool_size} the pool may open; default 10. */
        public Builder maxOverflow(int value) {
            this.maxOverflow = checked(PoolKeys.MAX_OVERFLOW, value, Integer.toString(value));
            this.maxOverflowSet = true;
            return this;
        }

        /** {@code pool_timeout}: how long a borrower waits for a connection; default 30 s, at least 250 ms. */
        public Builder poolTimeout(Duration value) {
            this.poolTimeout = checked(PoolKeys.TIMEOUT, value, text(value));
            return this;
        }

        /** {@code pool_recycle}: the longest a connection lives; default 30 min; zero for never, else at least 30 s. */
        public Builder poolRecycle(Duration value) {
            this.poolRecycle = checked(PoolKeys.RECYCLE, value, text(value));
            return this;
        }

        /**
         * {@code pool_pre_ping}: validate a connection idle for more than 500 ms before lending it (HikariCP's alive
         * check, not every checkout); default true.
         */
        public Builder prePing(boolean value) {
            this.prePing = value;
            this.prePingGiven = true;
            return this;
        }

        /**
         * {@code pool_use_lifo}: accepted for the seed's configuration; HikariCP has no LIFO/FIFO switch, so it
         * changes nothing, and the pool says so once at start (see {@link PoolKeys#USE_LIFO}).
         */
        public Builder useLifo(boolean value) {
            this.useLifo = value;
            return this;
        }

        /** {@code echo_pool}: write every checkout, return, creation, eviction and resize at INFO; default false. */
        public Builder echo(boolean value) {
            this.echo = value;
            return this;
        }

        /** How long a connection above {@code pool_size} may sit idle; default 10 min; zero for never, else >= 10 s. */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = checked(PoolKeys.IDLE_TIMEOUT, value, text(value));
            return this;
        }

        /**
         * The driver's socket timeout: the longest a statement waits for the server's next byte. Default 5 min.
         * Zero means none: a server that stops answering hangs borrowers forever, so dbopt warns loudly (or refuses,
         * see {@link #refuseUnsafeSettings(boolean)}). A value in the URL wins.
         */
        public Builder socketTimeout(Duration value) {
            this.socketTimeout = checked(PoolKeys.SOCKET_TIMEOUT, value, text(value));
            return this;
        }

        /** The driver's connect timeout; default the smaller of 10 s and {@code pool_timeout}. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = checked(PoolKeys.CONNECT_TIMEOUT, value, text(value));
            return this;
        }

        /** Borrows held longer are reported as suspected leaks; default 60 s; zero turns leak detection off. */
        public Builder leakDetectionThreshold(Duration value) {
            this.leakThreshold = checked(PoolKeys.LEAK_THRESHOLD, value, text(value));
            return this;
        }

        /** When borrow stack traces are recorded; default {@link LeakCapture#ON_SUSPICION}. */
        public Builder leakCapture(LeakCapture value) {
            this.leakCapture = Objects.requireNonNull(value, "leakCapture");
            return this;
        }

        /** How often the health check reconciles with the server; default 30 s; zero for never. */
        public Builder healthCheckInterval(Duration value) {
            this.healthCheckInterval = checked(PoolKeys.HEALTH_CHECK_INTERVAL, value, text(value));
            return this;
        }

        /** The time limit of each catalog query the pool runs; default 5 s. */
        public Builder monitorQueryTimeout(Duration value) {
            this.monitorQueryTimeout = checked(PoolKeys.MONITOR_QUERY_TIMEOUT, value, text(value));
            return this;
        }

        /** Connections adaptive sizing leaves free below the server's limit; default 3. */
        public Builder serverReserve(int value) {
            this.serverReserve = checked(PoolKeys.SERVER_RESERVE, value, Integer.toString(value));
            return this;
        }

        /**
         * The most sessions all instances sharing the application name may hold on the server together; adaptive
         * sizing plans within it and shrinks when it is exceeded. Zero (default) for no budget.
         */
        public Builder clusterBudget(int value) {
            this.clusterBudget = checked(PoolKeys.CLUSTER_BUDGET, value, Integer.toString(value));
            return this;
        }

        /** Fail the build, rather than warn, when a setting would let a hung server hang the application. */
        public Builder refuseUnsafeSettings(boolean value) {
            this.refuseUnsafe = value;
            return this;
        }

        /**
         * Whether {@link #build()} fails when no first connection can be opened (default); when false the pool
         * starts empty and fills once the database answers.
         */
        public Builder failFast(boolean value) {
            this.failFast = value;
            return this;
        }

        /** Turns adaptive sizing on with this policy. */
        public Builder adaptiveSizing(SizingPolicy policy) {
            this.sizing = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Turns adaptive sizing on with the default policy (keeping a policy already given), or off. */
        public Builder adaptiveSizing(boolean enabled) {
            this.sizing = !enabled ? null : sizing != null ? sizing : SizingPolicy.defaults();
            return this;
        }

        /** Shares the pool among tenants with these limits. */
        public Builder tenants(TenantPolicy policy) {
            this.tenants = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Records the pool's meters ({@link PoolMeters}) into this Micrometer {@code MeterRegistry}; the meters are
         * removed when the pool closes. Typed {@code Object} so that Micrometer stays optional.
         *
         * @throws IllegalArgumentException when it is not a {@code MeterRegistry}
         * @throws IllegalStateException when Micrometer is not on the class path
         */
        public Builder meterRegistry(Object registry) {
            this.recorder = MetricsRecorder.micrometer(registry);
            this.ownsRecorder = true;
            return this;
        }

        /** Records the pool's meters through this recorder, which stays the caller's (the pool does not close it). */
        public Builder metrics(MetricsRecorder value) {
            this.recorder = Objects.requireNonNull(value, "metrics");
            this.ownsRecorder = false;
            return this;
        }

        /**
         * Builds and starts the pool.
         *
         * @throws PoolException with {@link PoolErrorCode#INVALID_CONFIGURATION} for contradicting or missing
         *     settings, {@link PoolErrorCode#UNSAFE_CONFIGURATION} for a zero socket timeout when refused, or the
         *     acquire codes ({@code DATABASE_UNREACHABLE}, {@code AUTHENTICATION_FAILED}, ...) when
         *     {@code failFast} and no first connection can be opened
         */
        public ConnectionPoolManager build() {
            int sources = (jdbcUrl != null ? 1 : 0) + (dataSource != null ? 1 : 0) + (adopted != null ? 1 : 0);
            if (sources != 1) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "A pool needs exactly one of jdbcUrl(...) "
                        + "(or database_url), dataSource(...) or adopt(...); " + (sources == 0 ? "none was given"
                        : sources + " were given"));
            }
            if (adopted == null && poolSize + maxOverflow < 1) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Pool settings pool_size = 0 and "
                        + "max_overflow = 0 are not valid together: the pool needs at least 1 connection in total");
            }
            Properties driverProps = new Properties();
            driverProps.putAll(driverProperties);
            if (jdbcUrl != null) {
                DriverDefaults.safety(jdbcUrl, showValues).forEach((k, v) -> {
                    if (!DriverDefaults.isSet(jdbcUrl, driverProps, k)) {
                        driverProps.setProperty(k, v);
                    }
                });
            }
            PoolSpec spec = new PoolSpec(Optional.ofNullable(jdbcUrl), Optional.ofNullable(username), password,
                    Optional.ofNullable(driverClassName), driverProps, Optional.ofNullable(dataSource),
                    Optional.ofNullable(adopted), poolName, Optional.ofNullable(applicationName), poolSize,
                    maxOverflow, maxOverflowSet, poolTimeout, poolRecycle, prePing, prePingGiven,
                    Optional.ofNullable(useLifo), echo, idleTimeout, socketTimeout, Optional.ofNullable(connectTimeout),
                    leakThreshold, leakCapture, healthCheckInterval, monitorQueryTimeout, serverReserve,
                    clusterBudget, refuseUnsafe, failFast, Optional.ofNullable(sizing), Optional.ofNullable(tenants),
                    recorder, ownsRecorder);
            return new ConnectionPoolManager(PoolAssembly.start(spec));
        }

        private static <T> T defaultOf(ConfigKey<T> key) {
            return key.defaultValue().orElseThrow();
        }

        /**
         * {@code value} when {@code key} allows its text form; the key's own check is the one rule for it, from a
         * configuration or a setter alike.
         */
        static <T> T checked(ConfigKey<?> key, T value, String text) {
            Objects.requireNonNull(value, key.name());
            try {
                key.parse(text);
            } catch (DbOptException e) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, e.getMessage(), e, null);
            }
            return value;
        }

        /** A duration as a setting's text: {@code 250ms}, or fractional milliseconds. */
        private static String text(Duration value) {
            Objects.requireNonNull(value, "duration");
            long nanos = value.toNanos();
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos / 1e6 + "ms";
        }
    }
}
