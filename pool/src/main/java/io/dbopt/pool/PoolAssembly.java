package io.dbopt.pool;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.Redaction;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.pool.driver.ConnectionFactory;
import io.dbopt.pool.driver.DriverKind;
import io.dbopt.pool.driver.Drivers;
import io.dbopt.pool.engine.BorrowRecording;
import io.dbopt.pool.engine.ConnectionLifecycle;
import io.dbopt.pool.engine.HikariPools;
import io.dbopt.pool.engine.LeakScanner;
import io.dbopt.pool.engine.Leases;
import io.dbopt.pool.engine.ManagedPool;
import io.dbopt.pool.engine.MonitorThread;
import io.dbopt.pool.engine.PoolCounters;
import io.dbopt.pool.engine.PoolEvents;
import io.dbopt.pool.engine.PoolGauges;
import io.dbopt.pool.engine.Returns;
import io.dbopt.pool.health.HealthChecker;
import io.dbopt.pool.health.PoolHealth;
import io.dbopt.pool.server.ServerMonitor;
import io.dbopt.pool.sizing.Sizer;
import io.dbopt.pool.tenant.TenantGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link PoolSpec} into a running pool: resolves the driver and applies dbopt's safe driver defaults, checks
 * the socket timeout, starts HikariCP (or adopts the user's), builds the engines around it and schedules their
 * background work. Logs the start, and once, how the seed's settings without an exact HikariCP equivalent were
 * applied. Stateless.
 */
final class PoolAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(PoolAssembly.class);

    private PoolAssembly() {
    }

    /**
     * The running parts of one pool.
     *
     * @param lifecycle the physical connections' book, empty for an adopted pool
     */
    record Parts(ManagedPool pool, ServerMonitor server, MonitorThread monitor, HealthChecker health,
                 PoolHealth componentHealth, Optional<Sizer> sizer, Optional<TenantGate> tenants,
                 MetricsRecorder recorder, boolean ownsRecorder, Optional<ConnectionLifecycle> lifecycle) {
    }

    /** HikariCP started (or adopted) with the settings in force. */
    private record Started(PoolConfig config, HikariDataSource hikari, Optional<ConnectionFactory> factory) {
    }

    static Parts start(PoolSpec spec) {
        PoolCounters counters = new PoolCounters(spec.recorder(), spec.poolName());
        PoolEvents events = new PoolEvents(spec.poolName(), spec.echo());
        Returns returns = new Returns(spec.poolName(), counters, events);
        ConnectionLifecycle lifecycle = new ConnectionLifecycle(counters, events, returns);
        HikariPools.BrokenConnectionOverride override = new HikariPools.BrokenConnectionOverride();
        Started started = spec.adopted().isPresent() ? adopt(spec, spec.adopted().get(), override)
                : create(spec, lifecycle, override);
        PoolConfig config = started.config();
        Leases leases = new Leases(started.factory().orElse(null));
        BorrowRecording recording = new BorrowRecording(config.leakCapture());
        ManagedPool pool = new ManagedPool(config, started.hikari(), started.factory().orElse(null), counters, events,
                leases, recording, returns);
        override.onLost(pool::connectionLost);
        ServerMonitor server = new ServerMonitor(pool, spec.monitorQueryTimeout());
        LeakScanner leaks = new LeakScanner(config, leases, counters, recording, pool::pending);
        HealthChecker health = new HealthChecker(pool, server, leaks);
        Optional<ConnectionLifecycle> book = started.factory().map(f -> lifecycle);
        PoolHealth componentHealth = new PoolHealth(pool, counters, leaks, book);
        Optional<Sizer> sizer = config.sizing().map(p -> new Sizer(pool, server, p, counters, leases, leaks,
                events, spec.recorder()));
        Optional<TenantGate> tenants = config.tenants().map(p -> new TenantGate(pool, p, spec.recorder()));
        PoolGauges gauges = new PoolGauges(spec.recorder(), pool, leases);
        MonitorThread monitor = new MonitorThread(config.poolName());
        if (pool.total() > 0) {
            if (sizer.isPresent()) {
                server.refresh();
            } else {
                server.identifyLater();
            }
        }
        pool.onConnectionLost(server::sweepLater);
        started.factory().ifPresent(f -> f.onServerDown(server::probeUntilServerAnswers));
        long scanEvery = config.leakThreshold().isZero() ? 250
                : Math.max(50, Math.min(250, config.leakThreshold().toMillis() / 4));
        monitor.every("leak scan", scanEvery, () -> {
            leaks.scan();
            gauges.publish();
            counters.publish();
            events.refresh();
        });
        sizer.ifPresent(s -> monitor.every("adaptive sizing", s.policy().interval().toMillis(), s::evaluate));
        if (!config.healthCheckInterval().isZero()) {
            monitor.every("health check", config.healthCheckInterval().toMillis(), () ->
                    health.check().findings().forEach(f -> LOG.warn("{} - {} {}: {}", config.poolName(),
                            f.severity(), f.check(), f.message())));
        }
        explainSeedSettings(spec);
        return new Parts(pool, server, monitor, health, componentHealth, sizer, tenants, spec.recorder(),
                spec.ownsRecorder(), book);
    }

    private static Started create(PoolSpec spec, ConnectionFactory.Listener lifecycle,
                                  HikariPools.BrokenConnectionOverride override) {
        String app = spec.application();
        Duration connect = spec.connectTimeout().orElse(spec.poolTimeout().compareTo(Duration.ofSeconds(10)) < 0
                ? spec.poolTimeout() : Duration.ofSeconds(10));
        ConnectionFactory factory;
        Optional<Duration> socket = Optional.empty();
        Optional<Duration> connectInForce = Optional.empty();
        String redactedUrl = "";
        if (spec.jdbcUrl().isPresent()) {
            String url = spec.jdbcUrl().get();
            Properties props = new Properties();
            props.putAll(spec.driverProperties());
            spec.username().ifPresent(u -> props.setProperty("user", u));
            if (!spec.password().isEmpty()) {
                props.setProperty("password", spec.password().reveal());
            }
            DriverKind kind = DriverKind.of(url);
            kind.applyDefaults(url, props, spec.socketTimeout(), connect, app);
            socket = kind.socketTimeout(url, props);
            connectInForce = kind.connectTimeout(url, props);
            String urlApp = kind.applicationNameInUrl(url);
            if (urlApp != null && !urlApp.equals(app)) {
                if (spec.applicationName().isPresent()) {
                    LOG.warn("{} - the JDBC URL sets the application name '{}', which wins over '{}'",
                            spec.poolName(), urlApp, app);
                }
                app = urlApp;
            }
            redactedUrl = Redaction.redactUrl(url);
            factory = ConnectionFactory.ofDriver(spec.poolName(), Drivers.resolve(url, spec.driverClassName()), url,
                    props, spec.prePing(), lifecycle);
        } else {
            factory = ConnectionFactory.ofDataSource(spec.poolName(), spec.dataSource().orElseThrow(), spec.prePing(),
                    lifecycle);
        }
        checkSocketTimeout(spec, socket);
        PoolConfig config = new PoolConfig(spec.poolName(), app, redactedUrl, spec.poolSize(), spec.maxOverflow(),
                spec.poolTimeout(), spec.poolRecycle(), spec.prePing(), spec.echo(), spec.idleTimeout(), socket,
                connectInForce, spec.leakThreshold(), spec.leakCapture(), spec.healthCheckInterval(),
                spec.serverReserve(), spec.clusterBudget(), spec.refuseUnsafe(), spec.sizing(), spec.tenants());
        HikariDataSource hikari = HikariPools.start(config, factory, override, spec.failFast(),
                spec.sizing().isPresent());
        LOG.info("{} - started on {}: pool_size={}, max_overflow={}, pool_timeout={} ms, pool_recycle={} ms, "
                        + "pool_pre_ping={}, socket_timeout={}, application_name={}, adaptive={}", spec.poolName(),
                redactedUrl.isEmpty() ? factory : redactedUrl, spec.poolSize(), spec.maxOverflow(),
                spec.poolTimeout().toMillis(), spec.poolRecycle().toMillis(), spec.prePing(),
                socket.map(d -> d.toMillis() + " ms").orElse("unknown"), app, spec.sizing().isPresent());
        return new Started(config, hikari, Optional.of(factory));
    }

    private static Started adopt(PoolSpec spec, HikariDataSource h, HikariPools.BrokenConnectionOverride override) {
        HikariPools.prepareAdopted(h, override);
        int min = Math.min(h.getMinimumIdle(), h.getMaximumPoolSize());
        int overflow = spec.maxOverflowSet() ? spec.maxOverflow() : h.getMaximumPoolSize() - min;
        Properties props = h.getDataSourceProperties();
        DriverKind kind = DriverKind.of(h.getJdbcUrl());
        Optional<Duration> socket = kind.socketTimeout(h.getJdbcUrl(), props);
        checkSocketTimeout(spec, socket);
        String app = spec.applicationName().orElse(h.getPoolName());
        PoolConfig config = new PoolConfig(h.getPoolName(), app, h.getJdbcUrl() == null ? ""
                : Redaction.redactUrl(h.getJdbcUrl()), min, Math.max(0, overflow),
                Duration.ofMillis(h.getConnectionTimeout()), Duration.ofMillis(h.getMaxLifetime()), true, spec.echo(),
                Duration.ofMillis(h.getIdleTimeout()), socket, kind.connectTimeout(h.getJdbcUrl(), props),
                spec.leakThreshold(), spec.leakCapture(), spec.healthCheckInterval(), spec.serverReserve(),
                spec.clusterBudget(), spec.refuseUnsafe(), spec.sizing(), spec.tenants());
        if (spec.sizing().isPresent()) {
            h.getHikariConfigMXBean().setMaximumPoolSize(Math.max(1, min));
        }
        LOG.info("{} - adopted HikariCP pool: pool_size={}, max_overflow={}, adaptive={}", h.getPoolName(), min,
                config.maxOverflow(), spec.sizing().isPresent());
        return new Started(config, h, Optional.empty());
    }

    private static void checkSocketTimeout(PoolSpec spec, Optional<Duration> socket) {
        if (socket.isPresent() && socket.get().isZero()) {
            String message = spec.poolName() + " - the driver's socket timeout is 0: a database that stops answering "
                    + "(network partition, frozen host) hangs every borrower forever; set socket_timeout to a few "
                    + "times your longest query";
            if (spec.refuseUnsafe()) {
                throw new PoolException(PoolErrorCode.UNSAFE_CONFIGURATION, message
                        + ", or build without refuseUnsafeSettings(true)");
            }
            LOG.warn("{} !!! UNSAFE: {}", spec.poolName(), message);
        } else if (socket.isEmpty()) {
            LOG.info("{} - cannot tell the driver's socket timeout (unknown driver or a data source); make sure it "
                    + "is not 0", spec.poolName());
        }
    }

    /**
     * Says in one line how the seed's settings that HikariCP has no exact equivalent for were applied, when any of
     * them was set: {@code pool_pre_ping}, {@code pool_use_lifo}, {@code echo_pool}.
     */
    private static void explainSeedSettings(PoolSpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.prePingGiven()) {
            parts.add(spec.prePing() ? "pool_pre_ping=true validates a connection idle for more than 500 ms before "
                    + "lending it (HikariCP's alive check), not at every checkout as SQLAlchemy does"
                    : "pool_pre_ping=false lends idle connections without validating them (HikariCP would check those "
                    + "idle for more than 500 ms)");
        }
        spec.useLifo().ifPresent(lifo -> parts.add("pool_use_lifo=" + lifo + " changes nothing: HikariCP has no "
                + "LIFO/FIFO switch; it lends the connection the borrowing thread returned last, else the first idle "
                + "one in creation order, so spare connections stay idle and idle_timeout retires them"));
        if (spec.echo()) {
            parts.add("echo_pool=true writes every checkout, return, creation, eviction and resize at INFO on the "
                    + "logger io.dbopt.pool.events");
        }
        if (!parts.isEmpty()) {
            LOG.info("{} - seed settings on HikariCP: {}", spec.poolName(), String.join("; ", parts));
        }
    }
}
