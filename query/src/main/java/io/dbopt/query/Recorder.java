package io.dbopt.query;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.query.sql.SqlAnalyzer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profiler's hot path, called by the JDBC wrappers when a statement completes: statistics, sampled call
 * sites, the slow log, the current scope and write listeners. Allocation-free unless a call site is sampled, a
 * statement is slow, a named scope records or parameters are kept. Thread-safe.
 */
final class Recorder {

    private static final Logger LOG = LoggerFactory.getLogger(QueryProfiler.class);
    private static final String TRANSACTION = "transaction";

    final String name;
    final ShapeRegistry registry;
    final CallSites callSites;
    final SlowQueryLog slowLog;
    final Patterns patterns;
    private final int nPlusOneThreshold;
    private final int callSiteMask;
    private final boolean logParameters;
    private final boolean captureExplainSamples;
    private final AtomicInteger activeScopes = new AtomicInteger();
    private final ThreadLocal<ArrayList<ProfilerScope>> scopes = ThreadLocal.withInitial(ArrayList::new);
    private final CopyOnWriteArrayList<WriteListener> writeListeners = new CopyOnWriteArrayList<>();
    private volatile WriteListener[] listenerArray = new WriteListener[0];
    private volatile boolean serverKnown;
    private volatile boolean postgres = true;
    /**
     * Whether connections start in auto-commit mode, learned from the first one: pools hand connections out in
     * their configured mode and reset them on return, so reading it on every borrow would be wasted work.
     */
    private volatile boolean autoCommitByDefault = true;

    Recorder(String name, int maxFingerprints, java.util.List<String> exclusions, long slowNanos,
             boolean logParameters, boolean captureExplainSamples, int nPlusOneThreshold, int callSiteSampling) {
        this.name = name;
        this.registry = new ShapeRegistry(maxFingerprints);
        this.callSites = new CallSites(exclusions);
        this.slowLog = new SlowQueryLog(name, slowNanos, logParameters);
        this.patterns = new Patterns(name);
        this.nPlusOneThreshold = nPlusOneThreshold;
        this.callSiteMask = Integer.highestOneBit(callSiteSampling) - 1;
        this.logParameters = logParameters;
        this.captureExplainSamples = captureExplainSamples;
    }

    boolean isPostgres() {
        return postgres;
    }

    boolean autoCommitByDefault() {
        return autoCommitByDefault;
    }

    SqlAnalyzer analyzer() {
        return registry.analyzer();
    }

    /** Learns the server's lexical rules from the first connection. */
    void learnServer(Connection connection) {
        if (serverKnown) {
            return;
        }
        try {
            var meta = connection.getMetaData();
            String product = (meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion())
                    .toLowerCase(Locale.ROOT);
            boolean maria = product.contains("mariadb") || product.contains("mysql");
            postgres = !maria;
            autoCommitByDefault = connection.getAutoCommit();
            registry.useAnalyzer(maria ? SqlAnalyzer.mariaDb() : SqlAnalyzer.postgres());
            serverKnown = true;
        } catch (SQLException e) {
            LOG.debug("{} - cannot read the server product yet: {}", name, e.toString());
        } catch (RuntimeException e) {
            serverKnown = true; // a driver that fails here fails the same way every time: use PostgreSQL's rules
            LOG.warn("{} - the driver failed to describe the server ({}); SQL is read with PostgreSQL's lexical "
                    + "rules", name, e.toString());
        }
    }

    Shape shape(String sql) {
        return registry.shape(sql);
    }

    /** Whether a statement about to run should keep its bound values (for the slow log or an EXPLAIN sample). */
    boolean wantsParameters(Shape shape) {
        return logParameters || captureExplainSamples && shape.stats.wantsSample();
    }

    /**
     * Called on the executing thread when the driver returned from an execution, before any row is read: samples the
     * call site, counts the execution towards N+1 in the current scope, and captures the call site of a slow
     * statement for the slow log.
     *
     * @return the call site to log when the statement turns out slow, or null when it is not slow
     */
    CallSite executed(ProfiledConnection connection, Shape shape, long nanos, long parameterHash) {
        FingerprintStats stats = shape.stats;
        CallSite site = null;
        if (stats.wantsCallSite(callSiteMask)) {
            site = callSites.capture();
            stats.addCallSite(site);
        }
        ScopeState scope = currentScope(connection);
        if (scope != null) {
            scope.track(shape, parameterHash);
        }
        if (!slowLog.isSlow(nanos)) {
            return null;
        }
        return site != null ? site : callSites.capture();
    }

    /**
     * Records a completed statement: a query once its rows were read (or its result closed), an update at once.
     *
     * @param slowSite the call site {@link #executed} returned
     */
    void completed(ProfiledConnection connection, Shape shape, long nanos, long rows, String sql,
                   Object[] parameters, CallSite slowSite) {
        FingerprintStats stats = shape.stats;
        stats.record(nanos, rows);
        if (parameters != null && captureExplainSamples) {
            stats.offerSample(new FingerprintStats.Sample(sql, Arrays.asList(parameters.clone()), nanos));
        }
        if (slowLog.isSlow(nanos)) {
            slowLog.log(shape, nanos, rows, slowSite != null ? slowSite : callSites.capture(), sql, parameters, null);
        }
        ScopeState scope = currentScope(connection);
        if (scope != null) {
            scope.record(shape, nanos, rows, null, 0);
        }
        if (shape.write) {
            wrote(connection, shape);
        }
    }

    /** {@link #executed} and {@link #completed} at once, for statements whose result is complete on return. */
    void executedAndCompleted(ProfiledConnection connection, Shape shape, long nanos, long rows, long parameterHash,
                              String sql, Object[] parameters) {
        completed(connection, shape, nanos, rows, sql, parameters, executed(connection, shape, nanos, parameterHash));
    }

    /**
     * Records a failed statement.
     *
     * @param executing whether it failed in the driver's execute call (it then counts towards N+1 and its call
     *     site is here) rather than while its rows were read
     */
    void failed(ProfiledConnection connection, Shape shape, long nanos, long parameterHash, SQLException error,
                String sql, Object[] parameters, boolean executing) {
        ErrorKind kind = SqlErrors.classify(error);
        shape.stats.record(nanos, 0);
        shape.stats.recordError();
        LOG.debug("{} - {} failed ({}) after {} µs: {}", name, shape.facts.kind(), kind, nanos / 1000,
                shape.facts.fingerprint());
        ScopeState scope = currentScope(connection);
        if (scope != null) {
            if (executing) {
                scope.track(shape, parameterHash);
            }
            scope.record(shape, nanos, 0, kind, 0);
        }
        if (slowLog.isSlow(nanos)) {
            slowLog.log(shape, nanos, 0, callSites.capture(), sql, parameters, kind);
        }
        if (shape.write) {
            wrote(connection, shape); // a failed write may have changed rows before failing (no transaction)
        }
    }

    /** Records every statement of a failed batch as failed. */
    void failedBatch(ProfiledConnection connection, Shape[] shapes, int size, long nanos, SQLException error) {
        if (size == 0) {
            return;
        }
        ErrorKind kind = SqlErrors.classify(error);
        long each = nanos / size;
        ScopeState scope = currentScope(connection);
        for (int i = 0; i < size; i++) {
            shapes[i].stats.record(each, 0);
            shapes[i].stats.recordError();
            shapes[i].stats.recordBatched(1);
            if (scope != null) {
                scope.record(shapes[i], each, 0, kind, size);
            }
        }
        LOG.debug("{} - batch of {} failed ({}): {}", name, size, kind, shapes[0].facts.fingerprint());
        for (int i = 0; i < size; i++) {
            if (shapes[i].write && (i == 0 || shapes[i] != shapes[i - 1])) {
                wrote(connection, shapes[i]);
            }
        }
    }

    /** Records the statements of an executed batch, each with its own update count. */
    void completedBatch(ProfiledConnection connection, Shape[] shapes, int size, long nanos, long[] counts) {
        long each = nanos / Math.max(1, size);
        ScopeState scope = currentScope(connection);
        if (size > 0 && shapes[0].stats.wantsCallSite(callSiteMask)) {
            shapes[0].stats.addCallSite(callSites.capture());
        }
        for (int i = 0; i < size; i++) {
            Shape shape = shapes[i];
            long rows = counts != null && i < counts.length ? Math.max(0, counts[i]) : 0;
            shape.stats.record(each, rows);
            shape.stats.recordBatched(1);
            if (scope != null) {
                scope.record(shape, each, rows, null, size);
            }
        }
        if (size > 0 && slowLog.isSlow(nanos)) {
            slowLog.log(shapes[0], nanos, size, callSites.capture(), "batch of " + size + ": "
                    + shapes[0].facts.fingerprint(), null, null);
        }
        Shape previous = null;
        for (int i = 0; i < size; i++) {
            if (shapes[i].write && shapes[i] != previous) {
                wrote(connection, shapes[i]);
                previous = shapes[i];
            }
        }
    }

    private ScopeState currentScope(ProfiledConnection connection) {
        if (activeScopes.get() > 0) {
            ArrayList<ProfilerScope> open = scopes.get();
            for (int i = open.size() - 1; i >= 0; i--) {
                ProfilerScope s = open.get(i);
                if (!s.isClosed()) {
                    return s.state();
                }
            }
        }
        return connection.transactionScope();
    }

    ScopeState newTransactionScope() {
        return new ScopeState(TRANSACTION, nPlusOneThreshold, callSites, false);
    }

    ProfilerScope openScope(QueryProfiler profiler, String scopeName) {
        ProfilerScope scope = new ProfilerScope(profiler, new ScopeState(scopeName, nPlusOneThreshold, callSites,
                true));
        scopes.get().add(scope);
        activeScopes.incrementAndGet();
        return scope;
    }

    void closeScope(ProfilerScope scope) {
        patterns.report(scope.state());
        activeScopes.decrementAndGet();
        if (Thread.currentThread() == scope.owner()) {
            ArrayList<ProfilerScope> open = scopes.get();
            open.remove(scope);
            open.removeIf(ProfilerScope::isClosed);
            if (open.isEmpty()) {
                scopes.remove();
            }
        }
    }

    /** Called by a connection when its transaction ends (commit, rollback, close). */
    void transactionEnded(ScopeState transaction) {
        patterns.report(transaction);
    }

    private void wrote(ProfiledConnection connection, Shape shape) {
        WriteListener[] listeners = listenerArray;
        if (listeners.length == 0) {
            return;
        }
        notifyWrite(listeners, shape.facts.tablesWritten(), shape.facts.writesUnknownTables());
        connection.deferWrite(shape.facts);
    }

    boolean hasWriteListeners() {
        return listenerArray.length > 0;
    }

    void notifyWrite(Set<String> tables, boolean unknown) {
        notifyWrite(listenerArray, tables, unknown);
    }

    private void notifyWrite(WriteListener[] listeners, Set<String> tables, boolean unknown) {
        for (WriteListener l : listeners) {
            try {
                l.tablesWritten(tables, unknown);
            } catch (RuntimeException e) {
                LOG.warn("{} - write listener {} failed: {}", name, l, e.toString(), e);
            }
        }
    }

    void addWriteListener(WriteListener listener) {
        writeListeners.add(listener);
        listenerArray = writeListeners.toArray(new WriteListener[0]);
    }

    void removeWriteListener(WriteListener listener) {
        writeListeners.remove(listener);
        listenerArray = writeListeners.toArray(new WriteListener[0]);
    }
}
