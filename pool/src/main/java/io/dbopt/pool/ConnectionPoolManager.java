package io.dbopt.pool;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.config.Settings;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.jdbc.SqlFunction;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HikariCP connection pool that reports its health, finds leaks and dead connections, sizes itself to the load and
 * keeps one tenant from starving the others. The one entry point of dbopt-pool.
 *
 * <pre>{@code
 * try (ConnectionPoolManager pool = ConnectionPoolManager.builder()
 *         .jdbcUrl("jdbc:postgresql://db/app").username("app").password(secret)
 *         .poolSize(5).maxOverflow(10).poolTimeout(Duration.ofSeconds(5))
 *         .adaptiveSizing(SizingPolicy.defaults())
 *         .build()) {
 *     long n = pool.inTransaction(c -> ...);
 *     DataSource ds = pool.dataSource();        // hand this to JDBC code, jOOQ, Hibernate, ...
 * }
 * }</pre>
 *
 * <p>It builds a HikariCP pool (or adopts an existing {@link HikariDataSource}) and adds: safe defaults HikariCP
 * leaves to the user (socket and connect timeouts, an application name, leak detection), {@link PoolMetrics},
 * {@link ConnectionHealthCheck}, {@link AdaptivePoolSizer} and {@link TenantBulkheads}. Background work runs on two
 * daemon threads of the pool's own (in-memory monitoring and server reads), stopped by {@link #close()}, which also
 * closes HikariCP (an adopted pool included). Thread-safe.
 */
public final class ConnectionPoolManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPoolManager.class);

    private final ManagedPool pool;
    private final ServerMonitor server;
    private final ScheduledExecutorService monitor;
    private final DataSource dataSource;
    private final PoolMetrics metrics;
    private final ConnectionHealthCheck healthCheck;
    private final AdaptivePoolSizer sizer;
    private final TenantBulkheads tenants;

    ConnectionPoolManager(ManagedPool pool, ServerMonitor server, ScheduledExecutorService monitor,
                          AdaptivePoolSizer sizer, TenantBulkheads tenants) {
        this.pool = pool;
        this.server = server;
        this.monitor = monitor;
        this.sizer = sizer;
        this.tenants = tenants;
        this.dataSource = new PoolDataSource(pool, tenants, null);
        this.metrics = new PoolMetrics(pool);
        this.healthCheck = new ConnectionHealthCheck(pool, server);
    }

    /** Starts a pool configuration with dbopt's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The pooled data source: {@code getConnection()} borrows (failing with a {@link PoolAcquireException} that
     * names the case), {@code close()} on the connection returns it.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A data source whose connections count against the tenant's limit.
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
        return ScopeRunner.withConnection(pool, dataSource, Objects.requireNonNull(work, "work"));
    }

    /** Like {@link #withConnection(SqlFunction)}, counting against the tenant's limit. */
    public <T> T withConnection(String tenant, SqlFunction<Connection, T> work) {
        return ScopeRunner.withConnection(pool, dataSource(tenant), Objects.requireNonNull(work, "work"));
    }

    /**
     * Borrows a connection, runs {@code work} in a transaction and commits it; rolls back when {@code work} throws
     * anything, then rethrows. The connection is returned on every path, with autocommit restored by HikariCP.
     *
     * @throws PoolException as {@link #withConnection(SqlFunction)}; when the commit itself fails with a lost
     *     connection the outcome is unknown, which the message says
     */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        return ScopeRunner.inTransaction(pool, dataSource, Objects.requireNonNull(work, "work"));
    }

    /** Like {@link #inTransaction(SqlFunction)}, counting against the tenant's limit. */
    public <T> T inTransaction(String tenant, SqlFunction<Connection, T> work) {
        return ScopeRunner.inTransaction(pool, dataSource(tenant), Objects.requireNonNull(work, "work"));
    }

    /** The pool's counters and Micrometer binding. */
    public PoolMetrics metrics() {
        return metrics;
    }

    /** Validation, reconciliation with the server and leak reports. */
    public ConnectionHealthCheck healthCheck() {
        return healthCheck;
    }

    /** The adaptive sizer, when adaptive sizing is on. */
    public Optional<AdaptivePoolSizer> sizer() {
        return Optional.ofNullable(sizer);
    }

    /** The tenant bulkheads, when a tenant policy is set. */
    public Optional<TenantBulkheads> tenants() {
        return Optional.ofNullable(tenants);
    }

    /** The settings in force. */
    public PoolConfig config() {
        return pool.config;
    }

    /**
     * What needs attention now, from the configuration, the counters, suspected leaks and the last health check's
     * reconciliation with the server.
     */
    public List<Finding> findings() {
        PoolSnapshot s = pool.snapshot();
        return PoolFindings.forReport(pool, s, healthCheck.lastReport().flatMap(HealthReport::reconciliation),
                healthCheck.leaks());
    }

    /**
     * The HikariCP pool underneath, for what dbopt does not cover. Borrowing from it directly bypasses dbopt's
     * bookkeeping (leaks, tenants, usage times); resizing it fights the adaptive sizer.
     */
    public HikariDataSource hikariDataSource() {
        return pool.hikari;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return pool.isClosed();
    }

    ManagedPool pool() {
        return pool;
    }

    private TenantBulkheads requireTenants() {
        if (tenants == null) {
            throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, pool.name + " - the pool has no tenant "
                    + "policy: build it with tenants(TenantPolicy.builder()...build()) to lend per tenant");
        }
        return tenants;
    }

    ServerMonitor server() {
        return server;
    }

    /** Stops the background work and closes HikariCP and its connections; idempotent. */
    @Override
    public void close() {
        if (pool.isClosed()) {
            return;
        }
        monitor.shutdownNow();
        try {
            if (!monitor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} - the monitor thread did not stop within 5 s", pool.name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.close();
        } finally {
            pool.close();
            LOG.info("{} - closed", pool.name);
        }
    }

    @Override
    public String toString() {
        return "ConnectionPoolManager[" + pool.name + ", " + pool.snapshot().describe() + "]";
    }

    /**
     * Configures a {@link ConnectionPoolManager}. Setters validate at once and name the bad value; incompatible
     * choices fail at {@link #build()}, which leaves the builder unchanged. Settings can also come by name from
     * {@link Settings}, {@link Properties} (keys under {@code dbopt.pool.}) or the environment
     * ({@code DBOPT_POOL_*}), in the seed's terms ({@code pool_size}, {@code max_overflow}, {@code pool_timeout},
     * {@code pool_recycle}, {@code pre_ping}) or HikariCP's ({@code maximumPoolSize}, {@code connectionTimeout}
     * in milliseconds, ...). Not thread-safe.
     */
    public static final class Builder {
        String jdbcUrl;
        String username;
        String password;
        String driverClassName;
        final Properties driverProperties = new Properties();
        DataSource dataSource;
        HikariDataSource adopted;
        String poolName = "dbopt";
        String applicationName;
        int poolSize = 5;
        int maxOverflow = 10;
        boolean maxOverflowSet;
        Duration poolTimeout = Duration.ofSeconds(30);
        Duration poolRecycle = Duration.ofMinutes(30);
        boolean prePing = true;
        Duration idleTimeout = Duration.ofMinutes(10);
        Duration socketTimeout;
        Duration connectTimeout;
        Duration leakThreshold = Duration.ofSeconds(60);
        LeakCapture leakCapture = LeakCapture.ON_SUSPICION;
        Duration healthCheckInterval = Duration.ofSeconds(30);
        Duration monitorQueryTimeout = Duration.ofSeconds(5);
        int serverReserve = 3;
        int clusterBudget;
        boolean refuseUnsafe;
        boolean failFast = true;
        SizingPolicy sizing;
        TenantPolicy tenants;

        private Builder() {
        }

        /** The JDBC URL to connect to; secrets in it never reach logs or messages. */
        public Builder jdbcUrl(String value) {
            if (value == null || !value.startsWith("jdbc:")) {
                throw PoolBootstrap.invalid("jdbc_url", value == null ? "null" : PoolBootstrap.redact(value),
                        "a JDBC URL starting with jdbc:, such as jdbc:postgresql://host/db");
            }
            this.jdbcUrl = value;
            return this;
        }

        /** The user to connect as. */
        public Builder username(String value) {
            this.username = Objects.requireNonNull(value, "username");
            return this;
        }

        /** The password; never logged, never shown. */
        public Builder password(String value) {
            this.password = Objects.requireNonNull(value, "password");
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

        /** Pools connections of this data source instead of a URL (its timeouts are then its own). */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
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
            this.poolName = PoolBootstrap.checkName("pool_name", value);
            return this;
        }

        /**
         * The application name the server attributes sessions to; all instances of one application should share
         * it, as the cluster budget counts sessions by it. Default: the pool name. At most 63 characters, no
         * {@code :} or {@code ,}.
         */
        public Builder applicationName(String value) {
            this.applicationName = PoolBootstrap.checkName("application_name", value);
            return this;
        }

        /** {@code pool_size}: connections kept open, and the floor of adaptive sizing; default 5. */
        public Builder poolSize(int value) {
            if (value < 0) {
                throw PoolBootstrap.invalid("pool_size", Integer.toString(value), "0 or more");
            }
            this.poolSize = value;
            return this;
        }

        /** {@code max_overflow}: how many connections above {@code pool_size} the pool may open; default 10. */
        public Builder maxOverflow(int value) {
            if (value < 0) {
                throw PoolBootstrap.invalid("max_overflow", Integer.toString(value), "0 or more");
            }
            this.maxOverflow = value;
            this.maxOverflowSet = true;
            return this;
        }

        /** {@code pool_timeout}: how long a borrower waits for a connection; default 30 s, at least 250 ms. */
        public Builder poolTimeout(Duration value) {
            PoolBootstrap.atLeast("pool_timeout", value, Duration.ofMillis(250), false);
            this.poolTimeout = value;
            return this;
        }

        /** {@code pool_recycle}: the longest a connection lives; default 30 min; zero for never, else at least 30 s. */
        public Builder poolRecycle(Duration value) {
            PoolBootstrap.atLeast("pool_recycle", value, Duration.ofSeconds(30), true);
            this.poolRecycle = value;
            return this;
        }

        /** {@code pre_ping}: validate a connection idle for more than 500 ms before lending it; default true. */
        public Builder prePing(boolean value) {
            this.prePing = value;
            return this;
        }

        /** How long a connection above {@code pool_size} may sit idle; default 10 min; zero for never, else >= 10 s. */
        public Builder idleTimeout(Duration value) {
            PoolBootstrap.atLeast("idle_timeout", value, Duration.ofSeconds(10), true);
            this.idleTimeout = value;
            return this;
        }

        /**
         * The driver's socket timeout: the longest a statement waits for the server's next byte. Default 5 min.
         * Zero means none: a server that stops answering hangs borrowers forever, so dbopt warns loudly (or refuses,
         * see {@link #refuseUnsafeSettings(boolean)}). A value in the URL wins.
         */
        public Builder socketTimeout(Duration value) {
            PoolBootstrap.atLeast("socket_timeout", value, Duration.ofMillis(1), true);
            this.socketTimeout = value;
            return this;
        }

        /** The driver's connect timeout; default the smaller of 10 s and {@code pool_timeout}. */
        public Builder connectTimeout(Duration value) {
            PoolBootstrap.atLeast("connect_timeout", value, Duration.ofMillis(1), false);
            this.connectTimeout = value;
            return this;
        }

        /** Borrows held longer are reported as suspected leaks; default 60 s; zero turns leak detection off. */
        public Builder leakDetectionThreshold(Duration value) {
            PoolBootstrap.atLeast("leak_detection_threshold", value, Duration.ofMillis(100), true);
            this.leakThreshold = value;
            return this;
        }

        /** When borrow stack traces are recorded; default {@link LeakCapture#ON_SUSPICION}. */
        public Builder leakCapture(LeakCapture value) {
            this.leakCapture = Objects.requireNonNull(value, "leakCapture");
            return this;
        }

        /** How often the health check reconciles with the server; default 30 s; zero for never. */
        public Builder healthCheckInterval(Duration value) {
            PoolBootstrap.atLeast("health_check_interval", value, Duration.ofMillis(100), true);
            this.healthCheckInterval = value;
            return this;
        }

        /** The time limit of each catalog query the pool runs; default 5 s. */
        public Builder monitorQueryTimeout(Duration value) {
            PoolBootstrap.atLeast("monitor_query_timeout", value, Duration.ofSeconds(1), false);
            this.monitorQueryTimeout = value;
            return this;
        }

        /** Connections adaptive sizing leaves free below the server's limit; default 3. */
        public Builder serverReserve(int value) {
            if (value < 0) {
                throw PoolBootstrap.invalid("server_reserve", Integer.toString(value), "0 or more");
            }
            this.serverReserve = value;
            return this;
        }

        /**
         * The most sessions all instances sharing the application name may hold on the server together; adaptive
         * sizing plans within it and shrinks when it is exceeded. Zero (default) for no budget.
         */
        public Builder clusterBudget(int value) {
            if (value < 0) {
                throw PoolBootstrap.invalid("cluster_budget", Integer.toString(value), "0 (none) or more");
            }
            this.clusterBudget = value;
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

        /** Turns adaptive sizing on with the default policy, or off. */
        public Builder adaptiveSizing(boolean enabled) {
            this.sizing = enabled ? SizingPolicy.defaults() : null;
            return this;
        }

        /** Shares the pool among tenants with these limits. */
        public Builder tenants(TenantPolicy policy) {
            this.tenants = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Applies settings by name (see the class comment); unknown names fail, naming the known ones. */
        public Builder settings(Settings settings) {
            PoolSettingsReader.apply(Objects.requireNonNull(settings, "settings"), this);
            return this;
        }

        /** Applies properties named {@code dbopt.pool.<setting>}. */
        public Builder fromProperties(Properties properties) {
            return settings(Settings.fromProperties(Objects.requireNonNull(properties, "properties"), "dbopt.pool."));
        }

        /** Applies environment variables named {@code DBOPT_POOL_<SETTING>}. */
        public Builder fromEnvironment() {
            return settings(Settings.fromEnvironment("DBOPT_POOL_"));
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
            return PoolBootstrap.build(this);
        }
    }
}
