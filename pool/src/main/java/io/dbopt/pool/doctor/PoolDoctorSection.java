package io.dbopt.pool.doctor;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.ReportSection.Fact;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.DatabaseHost;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.PoolSnapshot;
import io.dbopt.pool.SizingAdvice;
import io.dbopt.pool.server.ServerView;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The doctor's "Connection pool" section: what the pool knows that the server section does not. Server sessions by
 * application (core's section counts them by state only), sizing advice from the observed load (HikariCP's
 * {@code cores * 2 + spindles} and the deadlock bound {@code Tn * (Cm - 1) + 1}), and the cluster-wide budget: can
 * the instances of one application exhaust {@code max_connections} together. When a {@link ConnectionPoolManager}
 * is attached ({@code Doctor.builder().attach(ConnectionPoolManager.class, pool)}) its own findings are added:
 * leaks, dropped connections, transactions left idle with their holder, a missing socket timeout, nested
 * borrowing. Core's checks ({@code server.connection-headroom}, {@code server.idle-in-transaction}) are not
 * repeated. Stateless.
 */
public final class PoolDoctorSection implements DoctorSection {

    /** Applications holding at least this share of the usable connections are reported. */
    static final double APPLICATION_SHARE_WARN = 0.5;

    @Override
    public String title() {
        return "Connection pool";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public ReportSection run(DoctorContext context) throws Exception {
        List<Fact> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        ServerView.Capacity capacity;
        List<AppSessions> apps;
        try (Connection c = context.dataSource().getConnection()) {
            capacity = ServerView.capacity(c, context.dialect(), context.statementTimeout());
            apps = sessionsByApplication(c, context, facts);
        }
        int usable = Math.max(1, capacity.usable());
        Optional<DatabaseHost> host = host(context);
        host.ifPresentOrElse(h -> facts.add(new Fact("sizing rule", "cores*2+spindles = " + h.cores() + "*2+"
                        + h.effectiveSpindles() + " = " + h.recommendedConnections() + " busy connections")),
                () -> facts.add(new Fact("sizing rule", "database cores unknown: attach a DatabaseHost to apply "
                        + "cores*2+spindles")));
        host.ifPresent(h -> oversubscribed(context, apps, h).ifPresent(findings::add));
        for (AppSessions a : apps) {
            if (a.sessions() >= usable * APPLICATION_SHARE_WARN) {
                findings.add(applicationShare(a, usable));
            }
        }
        context.attachment(ConnectionPoolManager.class).ifPresent(manager ->
                attached(manager, apps, usable, host, facts, findings));
        return ReportSection.of(title(), facts, findings);
    }

    private static List<AppSessions> sessionsByApplication(Connection c, DoctorContext context, List<Fact> facts)
            throws SQLException {
        try {
            List<AppSessions> apps = Jdbc.query(c, context.statementTimeout(),
                    SqlResource.load("pool", context.dialect(), "sessions-by-application"),
                    rs -> new AppSessions(rs.getString("application"), rs.getInt("sessions"), rs.getInt("active"),
                            rs.getInt("idle"), rs.getInt("idle_in_transaction"), rs.getInt("client_hosts")));
            facts.add(new Fact("sessions by application", apps.isEmpty() ? "none besides this one"
                    : apps.stream().map(AppSessions::describe).collect(Collectors.joining("; "))));
            return apps;
        } catch (SQLException e) {
            if (SqlErrors.classify(e) != ErrorKind.PERMISSION_DENIED) {
                throw e;
            }
            facts.add(new Fact("sessions by application", "not visible to " + context.info().userName()));
            return List.of();
        }
    }

    private static Optional<Finding> oversubscribed(DoctorContext context, List<AppSessions> apps, DatabaseHost h) {
        int activeNow = apps.stream().mapToInt(AppSessions::active).sum() + 1;
        if (activeNow <= h.recommendedConnections()) {
            return Optional.empty();
        }
        String database = context.info().currentSchema().isEmpty() ? "server" : context.info().currentSchema();
        return Optional.of(Finding.builder("pool.oversubscribed", Severity.WARNING)
                .object(DbObject.database(database))
                .message(activeNow + " sessions run statements at once on a server that keeps about "
                        + h.recommendedConnections() + " busy (cores*2+spindles): the rest queue inside the "
                        + "database, where waiting costs more than in a pool")
                .evidence("active_sessions", activeNow)
                .evidence("recommended_connections", h.recommendedConnections())
                .fix(Fix.advice("lower pool maximums (or enable adaptive sizing, which stops growing when the "
                        + "database saturates) so the sum stays near " + h.recommendedConnections()))
                .build());
    }

    private static Finding applicationShare(AppSessions a, int usable) {
        return Finding.builder("pool.application-share", Severity.WARNING)
                .object(DbObject.of(ObjectType.CONNECTION, a.application()))
                .message(a.application() + " holds " + a.sessions() + " of " + usable + " usable connections ("
                        + a.idle() + " idle) from " + a.clientHosts() + " client host(s): one more instance, or a "
                        + "burst, exhausts the server for everyone")
                .evidence("sessions", a.sessions()).evidence("idle", a.idle())
                .evidence("usable_connections", usable).evidence("client_hosts", a.clientHosts())
                .fix(Fix.advice("give the application a cluster budget (clusterBudget on each pool) well below "
                        + "max_connections, and shrink idle pools (adaptive sizing)"))
                .build();
    }

    private static void attached(ConnectionPoolManager manager, List<AppSessions> apps, int usable,
                                 Optional<DatabaseHost> host, List<Fact> facts, List<Finding> findings) {
        PoolConfig config = manager.config();
        poolFacts(manager, facts);
        DbObject object = DbObject.of(ObjectType.CONNECTION, config.poolName());
        int instances = Math.max(1, apps.stream().filter(a -> a.application().equals(config.applicationName()))
                .mapToInt(AppSessions::clientHosts).findFirst().orElse(1));
        long planned = (long) instances * config.maxSize();
        if (planned > usable && !(config.adaptive() && config.clusterBudget() > 0)) {
            findings.add(Finding.builder("pool.cluster-budget", planned > usable * 2L ? Severity.ERROR
                            : Severity.WARNING).object(object)
                    .message(instances + " instance(s) of " + config.applicationName() + " may each open "
                            + config.maxSize() + " connections, " + planned + " together, but the server has "
                            + usable + " usable: a load spike exhausts it")
                    .evidence("instances", instances).evidence("max_per_instance", config.maxSize())
                    .evidence("usable_connections", usable)
                    .fix(Fix.advice("set clusterBudget(" + Math.max(1, usable * 3 / 4) + ") with adaptive sizing "
                            + "on every instance, or lower max_overflow to " + Math.max(0, usable / instances
                            - config.poolSize())))
                    .build());
        }
        host.filter(h -> !config.adaptive() && config.maxSize() > h.recommendedConnections() * 2)
                .ifPresent(h -> findings.add(Finding.builder("pool.sizing-advice", Severity.INFO).object(object)
                        .message("The pool may open " + config.maxSize() + " connections; the database keeps about "
                                + h.recommendedConnections() + " busy (cores*2+spindles): beyond that, statements "
                                + "queue inside the database, where waiting costs more than in the pool")
                        .evidence("max_size", config.maxSize())
                        .evidence("recommended_connections", h.recommendedConnections())
                        .fix(Fix.advice("enable adaptive sizing (it stops growing when the database saturates) or "
                                + "lower max_overflow so pool_size + max_overflow stays near "
                                + h.recommendedConnections() * 2))
                        .build()));
        findings.addAll(manager.findings());
    }

    private static void poolFacts(ConnectionPoolManager manager, List<Fact> facts) {
        PoolConfig config = manager.config();
        PoolSnapshot s = manager.metrics();
        facts.add(new Fact("pool " + config.poolName(), s.describe() + ", acquire p99 "
                + s.acquireTime().p99().toMillis() + " ms, usage p95 " + s.usageTime().p95().toMillis() + " ms, "
                + s.timeouts() + " timeout(s)"));
        facts.add(new Fact("pool settings", "pool_size=" + config.poolSize() + ", max_overflow=" + config.maxOverflow()
                + ", pool_timeout=" + config.poolTimeout().toMillis() + " ms, adaptive=" + config.adaptive()
                + ", cluster_budget=" + (config.clusterBudget() == 0 ? "none" : config.clusterBudget())));
        int threads = s.peakThreads();
        int perThread = s.peakPerThread();
        facts.add(new Fact("deadlock bound", "Tn*(Cm-1)+1 = " + threads + "*(" + perThread + "-1)+1 = "
                + SizingAdvice.deadlockBound(threads, perThread)));
    }

    private static Optional<DatabaseHost> host(DoctorContext context) {
        Optional<DatabaseHost> attached = context.attachment(DatabaseHost.class);
        if (attached.isPresent()) {
            return attached;
        }
        DatabaseInfo info = context.info();
        String url = info.redactedUrl().toLowerCase(Locale.ROOT);
        if (url.contains("//127.0.0.1") || url.contains("//localhost") || url.contains("//[::1]")) {
            return Optional.of(new DatabaseHost(Runtime.getRuntime().availableProcessors(), 1));
        }
        return Optional.empty();
    }

    /** Sessions of one application on the server. */
    record AppSessions(String application, int sessions, int active, int idle, int idleInTransaction,
                       int clientHosts) {
        String describe() {
            return application + "=" + sessions + " (active " + active + ", idle " + idle
                    + (idleInTransaction > 0 ? ", idle in transaction " + idleInTransaction : "") + ", "
                    + clientHosts + " host(s))";
        }
    }
}
