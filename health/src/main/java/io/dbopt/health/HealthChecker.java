package io.dbopt.health;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.health.check.CheckContext;
import io.dbopt.health.check.CheckKind;
import io.dbopt.health.check.HealthCheck;
import io.dbopt.health.check.Visibility;
import io.dbopt.health.probe.ProbeConnection;
import io.dbopt.health.probe.ProbeFailure;
import io.dbopt.health.sample.CounterWindow;
import io.dbopt.health.sample.ServerCounters;
import io.dbopt.health.sample.ServerSampler;
import io.dbopt.health.sample.SessionCounts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the health checks: a probe ({@code SELECT 1}) and the server checks on a connection of its own, never an
 * application pool slot, and the attached components' own health, all within one deadline. Its answer tells three
 * cases apart: the database is down (the probe was refused or not answered: {@code database} DOWN), slow (the probe
 * took longer than {@code health.latency.warn}: {@code database} DEGRADED), or an application pool is saturated
 * (that component's part DEGRADED while {@code database} stays UP).
 *
 * <p>The database work runs on a thread of the checker's own; the caller waits at most the deadline
 * ({@code health.timeout}) and then answers from what it has, aborting the connection so the worker is freed. While
 * an earlier probe is still stuck (a connect to a hung server waits for its connect timeout), a new cycle does not
 * start another one but answers DOWN at once. Catalog-scanning checks run every {@code health.catalog_interval} and
 * their last answer is kept in between. Thread-safe: cycles are serialised.
 */
public final class HealthChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private final String name;
    private final ProbeConnection probe;
    private final List<HealthCheck> checks;
    private final ComponentReader components;
    private final Limits limits;
    private final Optional<SchemaTables.Source> tables;
    private final ExecutorService worker;
    private final ExecutorService aborter;
    private final Map<CheckKind, Health> lastCatalog = new EnumMap<>(CheckKind.class);
    private Instant lastCatalogRun;
    private ServerCounters lastCounters;
    private Connection visibilityOf;
    private Visibility visibility = Visibility.FULL;
    private Future<DatabasePart> inFlight;
    private Instant inFlightSince;

    /**
     * The checker's timing and thresholds that are not a check's own.
     *
     * @param timeout the deadline of a cycle
     * @param latencyWarn probe round trip above which the database is slow
     * @param statementTimeout limit of each statement
     * @param catalogInterval how often catalog checks run
     * @param longQueryWarn the long-query threshold, for the session counts
     * @param poolBusyWarn the share of an attached pool in use that warns
     */
    record Limits(Duration timeout, Duration latencyWarn, Duration statementTimeout, Duration catalogInterval,
                  Duration longQueryWarn, double poolBusyWarn) {
    }

    /** What the database side of a cycle produced. */
    private record DatabasePart(Health database, List<Health> checks, Optional<Duration> latency,
                                Optional<CounterWindow> window, Optional<SessionCounts> sessions, boolean failed) {
    }


    /**
     * @param tables where the catalog checks take MariaDB's {@code information_schema.TABLES} from (a doctor run's
     *     shared read); empty: read once per cycle and shared by that cycle's checks
     */
    HealthChecker(String name, ProbeConnection probe, List<HealthCheck> checks, List<DbOptComponent<?>> components,
                  Limits limits, Optional<SchemaTables.Source> tables) {
        this.name = name;
        this.tables = tables;
        this.probe = probe;
        this.checks = List.copyOf(checks);
        this.limits = limits;
        this.components = new ComponentReader(components, limits.poolBusyWarn(), limits.timeout(),
                daemon(name + "-components"));
        this.worker = Executors.newSingleThreadExecutor(daemon(name + "-probe"));
        this.aborter = Executors.newCachedThreadPool(daemon(name + "-abort"));
    }

    /** The checks this checker runs, in order. */
    public List<CheckKind> checks() {
        List<CheckKind> kinds = new ArrayList<>();
        kinds.add(CheckKind.CONNECTIVITY);
        kinds.add(CheckKind.LATENCY);
        checks.forEach(c -> kinds.add(c.kind()));
        if (components.attached()) {
            kinds.add(CheckKind.COMPONENTS);
        }
        return kinds;
    }

    /** Runs every check now, catalog checks included, and answers within the deadline. */
    public Health check() {
        return run(true).health();
    }

    /** Runs one cycle; catalog checks only when due or {@code forceCatalog}. */
    synchronized Cycle run(boolean forceCatalog) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        long deadline = start + limits.timeout().toNanos();
        Future<Map<String, ComponentReader.Reading>> comps = components.submit();
        DatabasePart db;
        Cycle.Outcome outcome;
        if (inFlight != null && !inFlight.isDone()) {
            db = stillWaiting(at);
            outcome = Cycle.Outcome.TIMED_OUT;
        } else {
            DatabaseProgress progress = new DatabaseProgress();
            inFlight = worker.submit(() -> databaseWork(progress, forceCatalog));
            inFlightSince = at;
            db = await(inFlight, deadline, progress);
            outcome = progress.timedOut ? Cycle.Outcome.TIMED_OUT
                    : db.failed() ? Cycle.Outcome.FAILED : Cycle.Outcome.ANSWERED;
        }
        Map<String, ComponentReader.Reading> readings = components.await(comps, deadline);
        Health.Builder root = Health.builder(name).checkedAt(at).component(db.database());
        db.checks().forEach(root::component);
        Map<String, Map<String, Number>> values = new LinkedHashMap<>();
        readings.forEach((component, r) -> {
            root.component(r.health());
            values.put(component, r.values());
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        root.detail("took", took);
        return new Cycle(at, root.build(), outcome, took, db.latency(), db.window(), db.sessions(), values);
    }

    /** What the worker got to before the deadline. */
    private static final class DatabaseProgress {
        volatile Duration latency;
        volatile Dialect dialect;
        volatile boolean timedOut;
    }

    private DatabasePart await(Future<DatabasePart> task, long deadline, DatabaseProgress progress) {
        try {
            return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            progress.timedOut = true;
            probe.abort(aborter);
            if (progress.latency != null) {
                Health.Builder db = answered(progress.latency, progress.dialect)
                        .detail("checks", "did not finish within " + limits.timeout().toMillis() + " ms")
                        .finding(Finding.builder("health.check-failed", Severity.WARNING)
                                .object(DbObject.database(databaseName()))
                                .message("The database answered the probe in " + progress.latency.toMillis()
                                        + " ms but the checks did not finish within "
                                        + limits.timeout().toMillis() + " ms")
                                .fix(Fix.advice("look at the server's load, or give health.timeout more time"))
                                .build());
                return new DatabasePart(db.build(), List.of(), Optional.of(progress.latency), Optional.empty(),
                        Optional.empty(), false);
            }
            Health.Builder db = Health.builder("database");
            LOG.debug("{} - the database did not answer within {} ms", name, limits.timeout().toMillis());
            return new DatabasePart(down(db, ProbeFailure.Reason.NOT_ANSWERING, "the database did not answer within "
                    + limits.timeout().toMillis() + " ms"), List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), true);
        } catch (ExecutionException e) {
            ProbeFailure f = ProbeFailure.of(e.getCause());
            return new DatabasePart(down(Health.builder("database"), f.reason(), f.message()), List.of(),
                    Optional.empty(), Optional.empty(), Optional.empty(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DatabasePart(down(Health.builder("database"), ProbeFailure.Reason.FAILED,
                    "the check was interrupted"), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    true);
        }
    }

    private DatabasePart stillWaiting(Instant now) {
        long waited = Duration.between(inFlightSince, now).toMillis();
        return new DatabasePart(down(Health.builder("database"), ProbeFailure.Reason.NOT_ANSWERING,
                "the database has not answered for " + waited + " ms (the previous probe is still waiting)"),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), true);
    }

    private Health down(Health.Builder b, ProbeFailure.Reason reason, String message) {
        String what = switch (reason) {
            case REFUSED -> "refused";
            case NOT_ANSWERING -> "not answering";
            case LOGIN_FAILED -> "login failed";
            case FAILED -> "failed";
        };
        return b.status(HealthStatus.DOWN).detail("reachable", false).detail("reason", what)
                .detail("error", Redaction.redactText(message))
                .finding(Finding.builder(CheckKind.CONNECTIVITY.checkId(), Severity.CRITICAL)
                        .object(DbObject.database(databaseName()))
                        .message("Database down (" + what + "): " + Redaction.redactText(message))
                        .fix(Fix.advice(reason == ProbeFailure.Reason.LOGIN_FAILED
                                ? "check the checker's user, password and privileges"
                                : "check that the server runs and the network path to it is open"))
                        .build())
                .build();
    }

    /** The database part of a probe that answered: UP, or DEGRADED (slow) past the latency threshold. */
    private Health.Builder answered(Duration latency, Dialect dialect) {
        Health.Builder db = Health.builder("database").detail("reachable", true).detail("latency", latency);
        if (dialect != null) {
            db.detail("server", dialect.toString());
        }
        if (latency.compareTo(limits.latencyWarn()) > 0) {
            db.finding(Finding.builder(CheckKind.LATENCY.checkId(), Severity.WARNING)
                    .object(DbObject.database(databaseName()))
                    .message("Database slow: the probe took " + latency.toMillis() + " ms (more than "
                            + limits.latencyWarn().toMillis() + " ms)")
                    .evidence("latency_ms", latency.toMillis())
                    .evidence("threshold_ms", limits.latencyWarn().toMillis())
                    .fix(Fix.advice("look at the server's load (active sessions, CPU, I/O) and the network path"))
                    .build());
        }
        return db;
    }

    private String databaseName() {
        return probe.database().isEmpty() ? "database" : probe.database();
    }

    private DatabasePart databaseWork(DatabaseProgress progress, boolean forceCatalog) throws SQLException {
        Duration latency;
        try {
            latency = probeOnce();
        } catch (SQLException | RuntimeException e) {
            probe.discard();
            ProbeFailure f = ProbeFailure.of(e);
            LOG.debug("{} - probe failed: {}", name, f.message());
            return new DatabasePart(down(Health.builder("database"), f.reason(), f.message()), List.of(),
                    Optional.empty(), Optional.empty(), Optional.empty(), true);
        }
        Dialect dialect = probe.dialect().orElseThrow();
        progress.dialect = dialect;
        progress.latency = latency;
        Health.Builder db = answered(latency, dialect);
        List<Health> parts = new ArrayList<>();
        Optional<CounterWindow> window = Optional.empty();
        Optional<SessionCounts> sessions = Optional.empty();
        try {
            Connection c = probe.connection();
            if (c != visibilityOf) {
                visibility = Visibility.of(c, dialect, limits.statementTimeout());
                visibilityOf = c;
            }
            ServerSampler sampler = new ServerSampler(dialect, limits.statementTimeout());
            ServerCounters counters = sampler.counters(c);
            window = lastCounters == null ? Optional.empty() : Optional.of(new CounterWindow(lastCounters, counters));
            lastCounters = counters;
            sessions = Optional.of(sampler.sessions(c, limits.longQueryWarn()));
            runChecks(new CheckContext(c, dialect, probe.database(), limits.statementTimeout(), visibility, window,
                    tables.orElseGet(SchemaTables.Source::shared)), forceCatalog, parts);
        } catch (SQLException e) {
            ErrorKind kind = SqlErrors.classify(e);
            if (kind.connectionBroken()) {
                probe.discard();
            }
            db.detail("checks", "not run: " + kind + " while reading the server's statistics");
        }
        return new DatabasePart(db.build(), parts, Optional.of(latency), window, sessions, false);
    }

    /**
     * The probe's round trip. A connection kept from an earlier cycle that turns out broken (the server, a proxy or a
     * firewall dropped it while it sat idle) is replaced once before the database counts as down: a dead idle
     * connection says nothing about the database. Within the cycle's deadline, like the rest of the work.
     */
    private Duration probeOnce() throws SQLException {
        boolean kept = probe.isOpen();
        try {
            return probe.probe();
        } catch (SQLException e) {
            if (!kept || !SqlErrors.classify(e).connectionBroken()) {
                throw e;
            }
            probe.discard();
            LOG.debug("{} - the kept connection was broken ({}); probing on a new one", name,
                    SqlErrors.classify(e));
            return probe.probe();
        }
    }

    private void runChecks(CheckContext ctx, boolean forceCatalog, List<Health> parts) throws SQLException {
        Instant now = Instant.now();
        boolean catalogDue = forceCatalog || lastCatalogRun == null
                || !now.isBefore(lastCatalogRun.plus(limits.catalogInterval()));
        for (HealthCheck check : checks) {
            Optional<String> unsupported = check.unsupported(ctx.dialect());
            if (unsupported.isPresent()) {
                parts.add(Health.builder(check.kind().id()).detail("not_applicable", unsupported.get()).build());
                continue;
            }
            if (check.kind().isCatalog() && !catalogDue && lastCatalog.containsKey(check.kind())) {
                parts.add(lastCatalog.get(check.kind()));
                continue;
            }
            Health h = runOne(check, ctx);
            if (check.kind().isCatalog()) {
                lastCatalog.put(check.kind(), h);
            }
            parts.add(h);
        }
        if (catalogDue) {
            lastCatalogRun = now;
        }
    }

    private Health runOne(HealthCheck check, CheckContext ctx) throws SQLException {
        long t0 = System.nanoTime();
        try {
            Health h = check.run(ctx);
            LOG.debug("{} - check {} took {} ms: {}", name, check.kind().id(), (System.nanoTime() - t0) / 1_000_000,
                    h.status());
            return h;
        } catch (SQLException e) {
            ErrorKind kind = SqlErrors.classify(e);
            if (kind.connectionBroken()) {
                throw e;
            }
            String state = SqlErrors.sqlState(e).orElse("none");
            if (kind == ErrorKind.PERMISSION_DENIED) {
                return Health.builder(check.kind().id()).detail("not_run", "permission denied (SQLState " + state
                        + "): grant the checker's user the monitoring privileges (PostgreSQL: pg_monitor; MariaDB: "
                        + "PROCESS and REPLICA MONITOR)").build();
            }
            String why = kind == ErrorKind.STATEMENT_TIMEOUT ? "did not finish within the statement timeout of "
                    + ctx.statementTimeout().toMillis() + " ms" : "failed: " + kind + " (SQLState " + state + ")";
            LOG.warn("{} - check {} {}", name, check.kind().id(), why);
            return failed(check.kind(), why);
        } catch (RuntimeException e) {
            LOG.warn("{} - check {} failed: {}", name, check.kind().id(), e.toString());
            return failed(check.kind(), "failed: " + e.getClass().getSimpleName());
        }
    }

    private static Health failed(CheckKind kind, String why) {
        return Health.builder(kind.id()).detail("error", why)
                .finding(Finding.builder("health.check-failed", Severity.WARNING)
                        .object(DbObject.of(io.dbopt.core.finding.ObjectType.OTHER, "check " + kind.id()))
                        .message("Health check " + kind.id() + " " + why)
                        .fix(Fix.advice("a catalog query that times out points at a loaded server or a lock held "
                                + "on the catalog"))
                        .build())
                .build();
    }

    /** Stops the checker's threads and closes its connection. */
    @Override
    public void close() {
        worker.shutdownNow();
        components.close();
        probe.abort(aborter);
        probe.close();
        aborter.shutdown();
    }

    static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }
}
