package io.dbopt.health;

import io.dbopt.core.Checks;
import io.dbopt.core.DbOptException;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.health.alert.AlertCoordinator;
import io.dbopt.health.alert.AlertRule;
import io.dbopt.health.alert.AlertSink;
import io.dbopt.health.alert.AlertSinks;
import io.dbopt.health.alert.RuleInput;
import io.dbopt.health.check.CheckKind;
import io.dbopt.health.probe.ProbeConnection;
import io.dbopt.health.probe.ProbeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a database: a {@link HealthChecker} that answers within its deadline on a connection of its own (never an
 * application pool slot), a {@link PerformanceMonitor} that keeps rates and bounded time series and publishes them
 * as meters, and an {@link AlertManager} that fires, repeats and resolves alerts through its sinks.
 *
 * <pre>{@code
 * DbOptConfig config = DbOptConfig.of(Map.of("database_url", "postgresql://app@db:5432/app",
 *         "health.interval", "10s", "alerts.webhook.url", "http://alertmanager:9093/api/v2/alerts",
 *         "alerts.webhook.format", "alertmanager-api"));
 * try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder().config(config)
 *         .attach(pool).meterRegistry(registry).build().start()) {
 *     Health health = monitor.healthCheck();          // never blocks once started
 *     String json = HealthJson.write(health);         // Spring Boot actuator shape
 * }
 * }</pre>
 *
 * <p>Started, it runs one cycle every {@code health.interval} on a thread of its own; {@link #healthCheck()} then
 * answers at once with the newest result. Not started, {@link #healthCheck()} runs a cycle, bounded by
 * {@code health.timeout}. Application components (a dbopt pool, the query profiler, the query cache) are attached as
 * {@link DbOptComponent}s: their own health and their numbers are part of the answer, and a saturated pool is
 * reported on the pool's part while the database part stays UP. The monitor owns its checker connection, threads,
 * sinks and coordinator, and releases them in {@link #close()}; attached components stay the caller's. Thread-safe.
 */
public final class DatabaseHealthMonitor implements DbOptComponent<HealthMetrics> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealthMonitor.class);

    private final String name;
    private final Duration interval;
    private final Duration timeout;
    private final HealthChecker checker;
    private final PerformanceMonitor performance;
    private final AlertManager alerts;
    private final MetricsRecorder metrics;
    private final boolean ownsMetrics;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch firstCycle = new CountDownLatch(1);
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong failedCycles = new AtomicLong();
    private final Map<String, Integer> partStatus = new ConcurrentHashMap<>();
    private final MetricsRecorder.Timer probeTimer;
    private final Map<Cycle.Outcome, MetricsRecorder.Timer> cycleTimers = new ConcurrentHashMap<>();
    private volatile Cycle latest;

    private DatabaseHealthMonitor(Builder b, HealthChecker checker, PerformanceMonitor performance,
                                  AlertManager alerts, MetricsRecorder metrics) {
        this.name = b.name;
        this.interval = b.interval;
        this.timeout = b.timeout;
        this.checker = checker;
        this.performance = performance;
        this.alerts = alerts;
        this.metrics = metrics;
        this.ownsMetrics = b.metrics == null || b.ownsMetrics;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-monitor");
            t.setDaemon(true);
            return t;
        });
        this.probeTimer = metrics.timer(HealthMeters.PROBE, "Round trip of the health probe (SELECT 1)");
        partStatus.put("overall", 0);
        metrics.gauge(HealthMeters.STATUS, "Health status: 0 UP, 1 DEGRADED, 2 DOWN", "",
                () -> partStatus.getOrDefault("overall", 0), "part", "overall");
    }

    /**
     * A monitor configured by {@code config}: its checker connects to {@code database.url} with its own unpooled
     * connection.
     *
     * @throws DbOptException when {@code database.url} is not set or a setting cannot be used
     */
    public static DatabaseHealthMonitor create(DbOptConfig config) {
        return builder().config(config).build();
    }

    /**
     * A monitor configured by {@code config} whose checker opens its connection from {@code checkerDataSource}: an
     * unpooled data source or a small pool of its own, never the application's pool.
     */
    public static DatabaseHealthMonitor create(DbOptConfig config, DataSource checkerDataSource) {
        return builder().config(config).checkerDataSource(checkerDataSource).build();
    }

    /** Starts a monitor configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts checking every {@code health.interval} in the background (the first cycle at once); idempotent.
     *
     * @return this monitor
     * @throws DbOptException with {@link HealthErrorCode#CLOSED} after {@link #close()}
     */
    public DatabaseHealthMonitor start() {
        if (closed.get()) {
            throw new DbOptException(HealthErrorCode.CLOSED, name + " is closed: build a new monitor");
        }
        if (started.compareAndSet(false, true)) {
            scheduler.scheduleWithFixedDelay(this::backgroundCycle, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
            LOG.info("{} - monitoring every {} ms (deadline {} ms), checks {}", name, interval.toMillis(),
                    timeout.toMillis(), checker.checks().stream().map(CheckKind::id).toList());
        }
        return this;
    }

    @Override
    public String componentName() {
        return "health";
    }

    /**
     * The database's health. Once started: the newest cycle's answer, at once (waiting for the first cycle, at most
     * {@code health.timeout}). Not started: runs a cycle now, answering within {@code health.timeout}. Never throws.
     */
    @Override
    public Health healthCheck() {
        if (closed.get()) {
            return Health.down(name, "the monitor is closed");
        }
        if (started.get()) {
            Cycle c = latest;
            if (c == null) {
                try {
                    firstCycle.await(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                c = latest;
            }
            return c != null ? c.health() : Health.builder(name).status(HealthStatus.DEGRADED)
                    .detail("error", "the first check has not finished yet").build();
        }
        return checkNow();
    }

    /**
     * Runs a full cycle now (catalog checks included), records it and evaluates the alert rules; answers within
     * {@code health.timeout}. Never throws.
     */
    public Health checkNow() {
        if (closed.get()) {
            return Health.down(name, "the monitor is closed");
        }
        return runCycle(true).map(Cycle::health).orElseGet(() -> Health.down(name, "the check failed"));
    }

    /** The checker. */
    public HealthChecker checker() {
        return checker;
    }

    /** The performance time series. */
    public PerformanceMonitor performance() {
        return performance;
    }

    /** The alert manager. */
    public AlertManager alerts() {
        return alerts;
    }

    @Override
    public HealthMetrics metrics() {
        Cycle c = latest;
        int pending = 0;
        int firing = 0;
        for (var a : alerts.active()) {
            if (a.state() == io.dbopt.health.alert.AlertState.FIRING) {
                firing++;
            } else {
                pending++;
            }
        }
        return new HealthMetrics(Instant.now(), c == null ? HealthStatus.UP : c.health().status(), cycles.get(),
                failedCycles.get(), c == null ? Duration.ZERO : c.took(),
                c == null ? Duration.ZERO : c.latency().orElse(Duration.ZERO), pending, firing, alerts.sent(),
                alerts.failed(), alerts.dropped());
    }

    /** Stops the background cycle, sends what alerts are queued and releases the checker's connection; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        RuntimeException failure = null;
        try {
            scheduler.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable c : List.<AutoCloseable>of(alerts, checker)) {
            try {
                c.close();
            } catch (Exception e) {
                RuntimeException r = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                if (failure == null) {
                    failure = r;
                } else {
                    failure.addSuppressed(r);
                }
            }
        }
        if (ownsMetrics) {
            metrics.close();
        }
        LOG.info("{} - stopped after {} cycles", name, cycles.get());
        if (failure != null) {
            throw failure;
        }
    }

    private void backgroundCycle() {
        try {
            runCycle(false);
        } catch (RuntimeException e) {
            LOG.error("{} - a check cycle failed: {}: {}", name, e.getClass().getSimpleName(),
                    io.dbopt.core.Redaction.redactDriverText(e));
        }
    }

    private synchronized Optional<Cycle> runCycle(boolean forceCatalog) {
        Cycle c;
        try {
            c = checker.run(forceCatalog);
        } catch (RuntimeException e) {
            LOG.error("{} - a check cycle failed: {}: {}", name, e.getClass().getSimpleName(),
                    io.dbopt.core.Redaction.redactDriverText(e));
            return Optional.empty();
        }
        if (closed.get()) {
            // close() interrupted or outlived this cycle: its answer says the monitor stopped, not the database
            LOG.debug("{} - a cycle cut short by close() is not recorded", name);
            return Optional.empty();
        }
        logTransition(latest, c);
        latest = c;
        cycles.incrementAndGet();
        if (c.outcome() != Cycle.Outcome.ANSWERED) {
            failedCycles.incrementAndGet();
        }
        firstCycle.countDown();
        c.latency().ifPresent(l -> probeTimer.recordNanos(l.toNanos()));
        cycleTimers.computeIfAbsent(c.outcome(), o -> metrics.timer(HealthMeters.CYCLE, "One health check cycle",
                "outcome", o.name().toLowerCase(java.util.Locale.ROOT))).recordNanos(c.took().toNanos());
        publishStatus(c.health());
        performance.record(c);
        try {
            alerts.evaluate(c.at(), new LatestInput(c, performance));
        } catch (RuntimeException e) {
            LOG.error("{} - alert evaluation failed: {}", name, e.toString(), e);
        }
        return Optional.of(c);
    }

    /** Logs the database part's changes only (WARN on going DOWN or slow, INFO on recovery), not every cycle. */
    private void logTransition(Cycle before, Cycle now) {
        Health was = before == null ? null : before.health().components().get("database");
        Health is = now.health().components().get("database");
        HealthStatus from = was == null ? HealthStatus.UP : was.status();
        if (is == null || is.status() == from) {
            return;
        }
        if (is.status() == HealthStatus.UP) {
            LOG.info("{} - the database answers again ({} ms)", name,
                    now.latency().map(Duration::toMillis).orElse(0L));
        } else {
            LOG.warn("{} - the database is {}: {}", name, is.status() == HealthStatus.DOWN ? "DOWN" : "slow",
                    is.details().getOrDefault("error", is.findings().isEmpty() ? is.status()
                            : is.findings().get(0).message()));
        }
    }

    private void publishStatus(Health h) {
        partStatus.put("overall", h.status().ordinal());
        h.components().forEach((part, health) -> {
            Integer before = partStatus.put(part, health.status().ordinal());
            if (before == null) {
                metrics.gauge(HealthMeters.STATUS, "Health status: 0 UP, 1 DEGRADED, 2 DOWN", "",
                        () -> partStatus.getOrDefault(part, 0), "part", part);
            }
        });
    }

    /** What the rules see: the newest cycle's parts and the newest series values. */
    private record LatestInput(Cycle cycle, PerformanceMonitor performance) implements RuleInput {
        @Override
        public OptionalDouble metric(String series) {
            return performance.latest(series);
        }

        @Override
        public Optional<Health> check(String part) {
            return Optional.ofNullable(cycle.health().components().get(part));
        }
    }

    /**
     * Configures a {@link DatabaseHealthMonitor}. Settings come from {@link #config(DbOptConfig)} (every key of
     * {@link HealthKeys}); setters override them and check their value at once. {@link #build()} leaves the builder
     * unchanged. Not thread-safe.
     */
    public static final class Builder {
        private DbOptConfig config = DbOptConfig.empty();
        private DataSource checkerDataSource;
        private String name = "dbopt-health";
        private final List<DbOptComponent<?>> components = new ArrayList<>();
        private MetricsRecorder metrics;
        private boolean ownsMetrics;
        private final List<AlertRule> rules = new ArrayList<>();
        private final List<AlertSink> sinks = new ArrayList<>();
        private AlertCoordinator coordinator;
        private Duration interval;
        private Duration timeout;
        private SchemaTables.Source tables;

        private Builder() {
        }

        /** The settings: {@code database.url} and every {@code health.*} and {@code alerts.*} key. */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * Where the checker opens its own connection, instead of {@code database.url}: an unpooled data source or a
         * small pool reserved for monitoring, never the application's pool.
         */
        public Builder checkerDataSource(DataSource value) {
            this.checkerDataSource = Objects.requireNonNull(value, "checkerDataSource");
            return this;
        }

        /** The name logs, threads and the health answer use; default {@code dbopt-health}. */
        public Builder name(String value) {
            this.name = Checks.notBlank("name", value);
            return this;
        }

        /** Attaches an application component (a dbopt pool, the query profiler, the cache); the caller keeps it. */
        public Builder attach(DbOptComponent<?> component) {
            Objects.requireNonNull(component, "component");
            for (DbOptComponent<?> c : components) {
                if (c.componentName().equals(component.componentName())) {
                    throw new IllegalArgumentException("A component named " + component.componentName()
                            + " is already attached: attached components need distinct names");
                }
            }
            components.add(component);
            return this;
        }

        /** Records meters through {@code value} (the caller closes it). */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            this.ownsMetrics = false;
            return this;
        }

        /**
         * Records meters into a Micrometer {@code MeterRegistry} (typed as Object so Micrometer stays optional); the
         * monitor removes them when it closes.
         */
        public Builder meterRegistry(Object registry) {
            this.metrics = MetricsRecorder.micrometer(registry);
            this.ownsMetrics = true;
            return this;
        }

        /** Adds an alert rule besides the configured ones. */
        public Builder alertRule(AlertRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Adds an alert sink besides the configured ones (the monitor closes it). */
        public Builder alertSink(AlertSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** Hands every alert notification to {@code callback}, on the alert manager's thread. */
        public Builder onAlert(Consumer<io.dbopt.health.alert.Alert> callback) {
            return alertSink(AlertSinks.callback("callback-" + (sinks.size() + 1), callback));
        }

        /** Coordinates notifications across instances with {@code value} instead of {@code alerts.coordination}. */
        public Builder coordinator(AlertCoordinator value) {
            this.coordinator = Objects.requireNonNull(value, "coordinator");
            return this;
        }

        /** How often to check, instead of {@code health.interval}. */
        public Builder interval(Duration value) {
            this.interval = Checks.positive("interval", value);
            return this;
        }

        /**
         * Where the catalog checks take MariaDB's {@code information_schema.TABLES} from, instead of one read per
         * cycle shared by that cycle's {@code table-bloat} and {@code sequences} checks: the doctor hands its run's
         * read ({@link io.dbopt.core.doctor.DoctorContext#tables()}), which its other sections share. A source that
         * keeps its snapshot keeps it for every cycle: give one only to a monitor that runs a single cycle.
         */
        public Builder schemaTables(SchemaTables.Source value) {
            this.tables = Objects.requireNonNull(value, "schemaTables");
            return this;
        }

        /** The deadline of a cycle, instead of {@code health.timeout}. */
        public Builder timeout(Duration value) {
            this.timeout = Checks.positive("timeout", value);
            return this;
        }

        /**
         * Builds the monitor (it does not connect yet).
         *
         * @throws DbOptException with {@link HealthErrorCode#NO_DATABASE} when neither a checker data source nor
         *     {@code database.url} is given, or {@link HealthErrorCode#INVALID_SETUP} when a setting cannot be used
         */
        public DatabaseHealthMonitor build() {
            Builder b = copy();
            b.interval = interval != null ? interval : config.get(HealthKeys.INTERVAL);
            b.timeout = timeout != null ? timeout : config.get(HealthKeys.TIMEOUT);
            MetricsRecorder recorder = metrics != null ? metrics : MetricsRecorder.noop();
            Duration statementTimeout = config.get(HealthKeys.STATEMENT_TIMEOUT);
            ProbeSettings probeSettings = new ProbeSettings(config.get(HealthKeys.CONNECT_TIMEOUT), statementTimeout,
                    b.timeout.plus(statementTimeout), config.get(HealthKeys.APPLICATION_NAME));
            DataSource ds = checkerDataSource != null ? checkerDataSource : Setup.urlDataSource(config, probeSettings);
            ProbeConnection probe = new ProbeConnection(name, ds, probeSettings, Runnable::run);
            HealthChecker checker = new HealthChecker(name, probe, Setup.checks(config), components,
                    new HealthChecker.Limits(b.timeout, config.get(HealthKeys.LATENCY_WARN), statementTimeout,
                            config.get(HealthKeys.CATALOG_INTERVAL), config.get(HealthKeys.LONG_QUERY_WARN),
                            config.get(HealthKeys.POOL_BUSY_WARN)), java.util.Optional.ofNullable(tables));
            try {
                PerformanceMonitor performance = new PerformanceMonitor(config.get(HealthKeys.HISTORY), recorder);
                AlertManager alerts = AlertSetup.alertManager(new AlertSetup.Parts(name, config, checker.checks(),
                        components, rules, sinks, coordinator, ds, statementTimeout, recorder));
                return new DatabaseHealthMonitor(b, checker, performance, alerts, recorder);
            } catch (RuntimeException e) {
                checker.close();
                throw e;
            }
        }

        private Builder copy() {
            Builder b = new Builder();
            b.config = config;
            b.checkerDataSource = checkerDataSource;
            b.name = name;
            b.components.addAll(components);
            b.metrics = metrics;
            b.ownsMetrics = ownsMetrics;
            b.rules.addAll(rules);
            b.sinks.addAll(sinks);
            b.coordinator = coordinator;
            b.tables = tables;
            return b;
        }
    }
}
