package io.dbopt.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.pool.HikariPool;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ConnectionPoolManager.Builder} into a running pool: resolves the driver, applies dbopt's safe
 * defaults to the driver properties, checks the socket timeout, configures and starts HikariCP (or adopts one),
 * and starts the monitors. Stateless.
 */
final class PoolBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPoolManager.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._/@#+=-]{1,63}");
    static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(5);

    private PoolBootstrap() {
    }

    static ConnectionPoolManager build(ConnectionPoolManager.Builder b) {
        int sources = (b.jdbcUrl != null ? 1 : 0) + (b.dataSource != null ? 1 : 0) + (b.adopted != null ? 1 : 0);
        if (sources != 1) {
            throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "A pool needs exactly one of jdbcUrl(...), "
                    + "dataSource(...) or adopt(...); " + (sources == 0 ? "none was given" : sources + " were given"));
        }
        if (b.adopted == null && b.poolSize + b.maxOverflow < 1) {
            throw invalid("pool_size + max_overflow", "0", "at least 1 connection in total");
        }
        PoolCounters counters = new PoolCounters();
        PoolEvents events = new PoolEvents(b.poolName);
        BrokenConnectionOverride override = new BrokenConnectionOverride();
        Started started = b.adopted != null ? adopt(b, counters, override) : create(b, counters, events, override);
        ManagedPool pool = new ManagedPool(started.config(), started.hikari(), started.factory(), counters, events);
        override.pool = pool;
        return assemble(pool, b.monitorQueryTimeout);
    }

    private record Started(PoolConfig config, HikariDataSource hikari, ConnectionFactory factory) {
    }

    private static Started create(ConnectionPoolManager.Builder b, PoolCounters counters, PoolEvents events,
                                  BrokenConnectionOverride override) {
        String app = b.applicationName != null ? b.applicationName : b.poolName;
        Duration connect = b.connectTimeout != null ? b.connectTimeout
                : b.poolTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? b.poolTimeout : Duration.ofSeconds(10);
        Duration socket = b.socketTimeout != null ? b.socketTimeout : DEFAULT_SOCKET_TIMEOUT;
        ConnectionFactory factory;
        Optional<Duration> effectiveSocket = Optional.empty();
        Optional<Duration> effectiveConnect = Optional.empty();
        String redactedUrl = "";
        if (b.jdbcUrl != null) {
            Driver driver = driver(b);
            Properties props = new Properties();
            props.putAll(b.driverProperties);
            if (b.username != null) {
                props.setProperty("user", b.username);
            }
            if (b.password != null) {
                props.setProperty("password", b.password);
            }
            DriverKind kind = DriverKind.of(b.jdbcUrl);
            kind.applyDefaults(b.jdbcUrl, props, socket, connect, app);
            effectiveSocket = kind.socketTimeout(b.jdbcUrl, props);
            effectiveConnect = kind.connectTimeout(b.jdbcUrl, props);
            String urlApp = kind.applicationNameInUrl(b.jdbcUrl);
            if (urlApp != null && !urlApp.equals(app)) {
                if (b.applicationName != null) {
                    LOG.warn("{} - the JDBC URL sets the application name '{}', which wins over '{}'", b.poolName,
                            urlApp, app);
                }
                app = urlApp;
            }
            redactedUrl = redact(b.jdbcUrl);
            factory = new ConnectionFactory(b.poolName, driver, b.jdbcUrl, props, b.prePing, counters, events);
        } else {
            factory = new ConnectionFactory(b.poolName, b.dataSource, b.prePing, counters, events);
        }
        checkSocketTimeout(b, effectiveSocket);
        PoolConfig config = new PoolConfig(b.poolName, app, redactedUrl, b.poolSize, b.maxOverflow, b.poolTimeout,
                b.poolRecycle, b.prePing, b.idleTimeout, effectiveSocket, effectiveConnect, b.leakThreshold,
                b.leakCapture, b.healthCheckInterval, b.serverReserve, b.clusterBudget, b.refuseUnsafe,
                Optional.ofNullable(b.sizing), Optional.ofNullable(b.tenants));

        HikariConfig hc = new HikariConfig();
        hc.setPoolName(b.poolName);
        hc.setDataSource(factory);
        hc.setMaximumPoolSize(config.maxSize());
        hc.setMinimumIdle(Math.min(b.poolSize, config.maxSize()));
        hc.setConnectionTimeout(b.poolTimeout.toMillis());
        hc.setValidationTimeout(Math.max(250, Math.min(5_000, b.poolTimeout.toMillis() / 2)));
        hc.setMaxLifetime(b.poolRecycle.toMillis());
        if (b.poolSize < config.maxSize()) {
            hc.setIdleTimeout(b.idleTimeout.toMillis());
        }
        long keepalive = Duration.ofMinutes(2).toMillis();
        hc.setKeepaliveTime(b.poolRecycle.isZero() || b.poolRecycle.toMillis() > keepalive ? keepalive : 0);
        hc.setLeakDetectionThreshold(0);
        hc.setExceptionOverride(override);
        hc.setInitializationFailTimeout(b.failFast ? 1 : -1);
        HikariDataSource hikari = start(hc, b.poolName);
        if (b.sizing != null) {
            hikari.getHikariConfigMXBean().setMaximumPoolSize(Math.max(1, b.poolSize));
        }
        LOG.info("{} - started on {}: pool_size={}, max_overflow={}, pool_timeout={} ms, pool_recycle={} ms, "
                        + "pre_ping={}, socket_timeout={}, application_name={}, adaptive={}", b.poolName,
                redactedUrl.isEmpty() ? factory : redactedUrl, b.poolSize, b.maxOverflow, b.poolTimeout.toMillis(),
                b.poolRecycle.toMillis(), b.prePing, effectiveSocket.map(d -> d.toMillis() + " ms").orElse("unknown"),
                app, b.sizing != null);
        return new Started(config, hikari, factory);
    }

    private static Started adopt(ConnectionPoolManager.Builder b, PoolCounters counters,
                                 BrokenConnectionOverride override) {
        HikariDataSource h = b.adopted;
        if (h.isClosed()) {
            throw new PoolException(PoolErrorCode.CLOSED, "The HikariCP pool " + h.getPoolName() + " given to adopt("
                    + "...) is closed: adopt an open pool");
        }
        if (h.getHikariPoolMXBean() == null) {
            if (h.getExceptionOverride() == null) {
                h.setExceptionOverride(override);
            }
            try {
                h.getConnection().close();
            } catch (SQLException e) {
                throw startFailure(h.getPoolName(), e);
            } catch (RuntimeException e) {
                throw startFailure(h.getPoolName(), e);
            }
        }
        int min = Math.min(h.getMinimumIdle(), h.getMaximumPoolSize());
        int overflow = b.maxOverflowSet ? b.maxOverflow : h.getMaximumPoolSize() - min;
        Properties props = h.getDataSourceProperties();
        DriverKind kind = DriverKind.of(h.getJdbcUrl());
        Optional<Duration> socket = kind.socketTimeout(h.getJdbcUrl(), props);
        checkSocketTimeout(b, socket);
        String app = b.applicationName != null ? b.applicationName : h.getPoolName();
        PoolConfig config = new PoolConfig(h.getPoolName(), app, redact(h.getJdbcUrl()), min, Math.max(0, overflow),
                Duration.ofMillis(h.getConnectionTimeout()), Duration.ofMillis(h.getMaxLifetime()), true,
                Duration.ofMillis(h.getIdleTimeout()), socket, kind.connectTimeout(h.getJdbcUrl(), props),
                b.leakThreshold, b.leakCapture, b.healthCheckInterval, b.serverReserve, b.clusterBudget,
                b.refuseUnsafe, Optional.ofNullable(b.sizing), Optional.ofNullable(b.tenants));
        if (b.sizing != null) {
            h.getHikariConfigMXBean().setMaximumPoolSize(Math.max(1, min));
        }
        LOG.info("{} - adopted HikariCP pool: pool_size={}, max_overflow={}, adaptive={}", h.getPoolName(), min,
                config.maxOverflow(), b.sizing != null);
        return new Started(config, h, null);
    }

    private static ConnectionPoolManager assemble(ManagedPool pool, Duration queryTimeout) {
        ServerMonitor server = new ServerMonitor(pool, queryTimeout);
        ScheduledThreadPoolExecutor monitor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, pool.name + "-monitor");
            t.setDaemon(true);
            return t;
        });
        monitor.setRemoveOnCancelPolicy(true);
        PoolConfig config = pool.config;
        AdaptivePoolSizer sizer = config.sizing().map(p -> new AdaptivePoolSizer(pool, server, p)).orElse(null);
        TenantBulkheads tenants = config.tenants().map(p -> new TenantBulkheads(pool, p)).orElse(null);
        ConnectionPoolManager manager = new ConnectionPoolManager(pool, server, monitor, sizer, tenants);
        if (pool.hikariPool.getTotalConnections() > 0) {
            if (sizer != null) {
                server.refresh();
            } else {
                server.identifyLater();
            }
        }
        pool.onConnectionLost(server::sweepLater);
        if (pool.factory != null) {
            pool.factory.onServerDown(server::probeUntilServerAnswers);
        }
        if (!config.leakThreshold().isZero()) {
            long every = Math.max(50, Math.min(250, config.leakThreshold().toMillis() / 4));
            schedule(monitor, pool, "leak scan", every, pool::scanLeaks);
        } else {
            schedule(monitor, pool, "thread sampling", 250, pool::scanLeaks);
        }
        if (sizer != null) {
            schedule(monitor, pool, "adaptive sizing", config.sizing().get().interval().toMillis(), sizer::evaluate);
        }
        if (!config.healthCheckInterval().isZero()) {
            ConnectionHealthCheck health = manager.healthCheck();
            schedule(monitor, pool, "health check", config.healthCheckInterval().toMillis(), () -> {
                HealthReport report = health.check();
                report.findings().forEach(f -> LOG.warn("{} - {} {}: {}", pool.name, f.severity(), f.check(),
                        f.message()));
            });
        }
        return manager;
    }

    private static void schedule(ScheduledExecutorService monitor, ManagedPool pool, String what, long everyMillis,
                                 Runnable task) {
        monitor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} - {} failed, will retry: {}", pool.name, what, Redaction.redactText(e.toString()));
            }
        }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    private static HikariDataSource start(HikariConfig hc, String poolName) {
        try {
            return new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            throw startFailure(poolName, e);
        }
    }

    private static PoolException startFailure(String poolName, Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        ErrorKind kind = SqlErrors.classify(cause);
        PoolErrorCode code = switch (kind) {
            case TOO_MANY_CONNECTIONS -> PoolErrorCode.SERVER_OUT_OF_CONNECTIONS;
            case PERMISSION_DENIED -> PoolErrorCode.AUTHENTICATION_FAILED;
            default -> PoolErrorCode.DATABASE_UNREACHABLE;
        };
        return new PoolException(code, poolName + " - cannot open the first connection (" + kind
                + SqlErrors.sqlState(cause).map(s -> ", SQLState " + s).orElse("") + "): " + cause.getMessage()
                + "; check the URL, the credentials and that the server is up, or build with failFast(false) to "
                + "start empty", cause, null);
    }

    private static Driver driver(ConnectionPoolManager.Builder b) {
        if (b.driverClassName != null) {
            try {
                Object d = Class.forName(b.driverClassName).getDeclaredConstructor().newInstance();
                if (!(d instanceof Driver driver)) {
                    throw invalid("driver_class_name", b.driverClassName, "a class implementing java.sql.Driver");
                }
                return driver;
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Cannot load the JDBC driver "
                        + b.driverClassName + " (" + e + "): add its jar to the class path", e, null);
            }
        }
        try {
            return DriverManager.getDriver(b.jdbcUrl);
        } catch (SQLException e) {
            throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "No JDBC driver on the class path accepts "
                    + redact(b.jdbcUrl) + ": add org.postgresql:postgresql or org.mariadb.jdbc:mariadb-java-client "
                    + "(or set driverClassName)", e, null);
        }
    }

    private static void checkSocketTimeout(ConnectionPoolManager.Builder b, Optional<Duration> socket) {
        if (socket.isPresent() && socket.get().isZero()) {
            String message = b.poolName + " - the driver's socket timeout is 0: a database that stops answering "
                    + "(network partition, frozen host) hangs every borrower forever; set socket_timeout to a few "
                    + "times your longest query";
            if (b.refuseUnsafe) {
                throw new PoolException(PoolErrorCode.UNSAFE_CONFIGURATION, message
                        + ", or build without refuseUnsafeSettings(true)");
            }
            LOG.warn("{} !!! UNSAFE: {}", b.poolName, message);
        } else if (socket.isEmpty()) {
            LOG.info("{} - cannot tell the driver's socket timeout (unknown driver or a data source); make sure it "
                    + "is not 0", b.poolName);
        }
    }

    static String redact(String url) {
        return Redaction.redactUrl(url);
    }

    static String checkName(String key, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw invalid(key, value == null ? "null" : "'" + value + "'", "1 to 63 characters of letters, digits, "
                    + "space and . _ / @ # + = - (the server truncates longer names; MariaDB's attributes forbid : ,)");
        }
        return value;
    }

    static void atLeast(String key, Duration value, Duration least, boolean zeroAllowed) {
        if (value == null) {
            throw invalid(key, "null", "a duration");
        }
        if (zeroAllowed && value.isZero()) {
            return;
        }
        if (value.compareTo(least) < 0) {
            throw invalid(key, value.toMillis() + " ms", (zeroAllowed ? "0 (off) or " : "") + "at least "
                    + least.toMillis() + " ms");
        }
    }

    static PoolException invalid(String key, String shown, String expected) {
        return new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Pool setting " + key + " = " + shown
                + " is not valid: use " + expected);
    }

    /**
     * Evicts connections whose error means the session is gone, as {@link SqlErrors} classifies it, and tells the
     * pool, which then validates the other connections before lending them.
     */
    static final class BrokenConnectionOverride implements SQLExceptionOverride {
        volatile ManagedPool pool;

        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            ErrorKind kind = SqlErrors.classify(e);
            if (!kind.connectionBroken()) {
                return SQLExceptionOverride.Override.CONTINUE_EVICT;
            }
            ManagedPool p = pool;
            if (p != null && kind != ErrorKind.TOO_MANY_CONNECTIONS) {
                p.connectionLost();
            }
            return SQLExceptionOverride.Override.MUST_EVICT;
        }
    }
}
