package io.dbopt.query.recording;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.query.CallSite;
import io.dbopt.query.WriteListener;
import io.dbopt.query.orm.EntityMappings;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profiler's engine, called by the JDBC wrappers ({@code io.dbopt.query.jdbc}) as statements execute, complete
 * or fail: per-fingerprint statistics, sampled call sites, the slow log, the scope open on the thread (or the
 * connection's transaction) for N+1 detection, and write listeners. What it recorded is read through
 * {@link #recordings()}. The hot path allocates nothing unless a call site is sampled, a statement is slow, a named
 * scope records statements or parameters are kept. Thread-safe.
 */
public final class Recorder {

    /** Stands for a bound value that cannot be replayed in an EXPLAIN (a stream, a LOB, an array). */
    public static final Object UNREPLAYABLE = new Object() {
        @Override
        public String toString() {
            return "<unreplayable>";
        }
    };

    /** {@link #drawSamples}: no random number was drawn for this execution yet; {@link #executed} draws one. */
    public static final int UNDRAWN = 0;
    /** {@link #drawSamples}: keep this execution's bound values. */
    public static final int SAMPLE_PARAMETERS = 1;
    /** {@link #drawSamples}: this execution falls on the call-site sampling rate (the first few always capture). */
    public static final int SAMPLE_CALL_SITE = 2;
    /** {@link #drawSamples}: the decisions were drawn; without it {@link #executed} draws its own. */
    public static final int SAMPLES_DRAWN = 4;

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final String TRANSACTION = "transaction";

    private final String name;
    private final ShapeRegistry registry;
    private final CallSites callSites;
    private final SlowQueryLog slowLog;
    private final Patterns patterns;
    private final Recordings recordings;
    private final int nPlusOneThreshold;
    private final int callSiteMask;
    private final boolean logParameters;
    private final boolean captureExplainSamples;
    private final AtomicInteger activeScopes = new AtomicInteger();
    private final ThreadLocal<ArrayList<ScopeState>> scopes = ThreadLocal.withInitial(ArrayList::new);
    /**
     * A transaction scope a closed connection gave back on this thread, taken by the next connection that starts a
     * transaction here: a pool hands out a new connection wrapper per borrow, and a scope (with its table) per
     * borrow would be most of what the profiler allocates in transactional code.
     */
    private final ThreadLocal<ScopeState[]> spareTransaction = ThreadLocal.withInitial(() -> new ScopeState[1]);
    private final OutsideGroups outside;
    private final CopyOnWriteArrayList<WriteListener> writeListeners = new CopyOnWriteArrayList<>();
    private volatile WriteListener[] listenerArray = new WriteListener[0];
    private volatile boolean serverKnown;
    /**
     * Whether connections start in auto-commit mode, learned from the first one: pools hand connections out in
     * their configured mode and reset them on return, so reading it on every borrow would be wasted work.
     */
    private volatile boolean autoCommitByDefault = true;

    /**
     * What a recorder is told to do; the profiler's builder checks the values.
     *
     * @param name starts every log line
     * @param maxFingerprints fingerprints kept before the least used are evicted
     * @param callSiteExclusions class-name prefixes or {@code Class.method} names skipped when finding call sites
     * @param slowThreshold statements at least this slow are logged
     * @param logParameters whether the slow log shows the SQL as executed and its values
     * @param captureExplainSamples whether one execution's values per fingerprint are kept for EXPLAIN
     * @param nPlusOneThreshold executions in one scope that make an N+1 pattern
     * @param callSiteSampling one execution in this many captures its call site
     */
    public record Options(String name, int maxFingerprints, List<String> callSiteExclusions, Duration slowThreshold,
                          boolean logParameters, boolean captureExplainSamples, int nPlusOneThreshold,
                          int callSiteSampling) {

        /** Validates and copies. */
        public Options {
            Objects.requireNonNull(name, "name");
            callSiteExclusions = List.copyOf(callSiteExclusions);
            Objects.requireNonNull(slowThreshold, "slowThreshold");
        }
    }

    /** A recorder with nothing recorded. */
    public Recorder(Options options) {
        this.name = options.name();
        this.registry = new ShapeRegistry(options.maxFingerprints());
        this.callSites = new CallSites(options.callSiteExclusions());
        this.slowLog = new SlowQueryLog(name, options.slowThreshold().toNanos(), options.logParameters());
        this.patterns = new Patterns(name);
        this.recordings = new Recordings(registry, patterns, slowLog);
        this.nPlusOneThreshold = options.nPlusOneThreshold();
        this.callSiteMask = Integer.highestOneBit(options.callSiteSampling()) - 1;
        this.logParameters = options.logParameters();
        this.captureExplainSamples = options.captureExplainSamples();
        this.outside = new OutsideGroups(nPlusOneThreshold, callSites, patterns);
    }

    /** What was recorded. */
    public Recordings recordings() {
        return recordings;
    }

    /** Whether connections start in auto-commit mode (as the first connection did). */
    public boolean autoCommitByDefault() {
        return autoCommitByDefault;
    }

    /** Learns the server's lexical rules and the pool's auto-commit mode from the first connection. */
    public void learnServer(Connection connection) {
        if (serverKnown) {
            return;
        }
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String product = (meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion())
                    .toLowerCase(Locale.ROOT);
            autoCommitByDefault = connection.getAutoCommit();
            registry.useServer(product.contains("mariadb") || product.contains("mysql"));
            serverKnown = true;
        } catch (SQLException e) {
            LOG.debug("{} - cannot read the server product yet: {}", name, e.toString());
        } catch (RuntimeException e) {
            serverKnown = true; // a driver that fails here fails the same way every time: use PostgreSQL's rules
            LOG.warn("{} - the driver failed to describe the server ({}); SQL is read with PostgreSQL's lexical "
                    + "rules", name, e.toString());
        }
    }

    /** The shape of a SQL text: a few nanoseconds when it was seen before. */
    public Shape shape(String sql) {
        return registry.shape(sql);
    }

    /** Whether a statement about to run should keep its bound values (for the slow log or an EXPLAIN sample). */
    public boolean wantsParameters(Shape shape) {
        return logParameters || captureExplainSamples && shape.stats.wantsSample();
    }

    /**
     * The sampling decisions of an execution whose values are being bound, from one random number: whether to keep
     * its values ({@link #SAMPLE_PARAMETERS}, as {@link #wantsParameters} would answer) and whether its call site falls
     * on the one in {@code callSiteSampling} ({@link #SAMPLE_CALL_SITE}), always with {@link #SAMPLES_DRAWN}; pass the
     * result to {@link #executed}. A prepared statement would otherwise draw twice per execution (once here, once when
     * it executes), and a draw is a few nanoseconds of every statement. The two decisions read separate bits of one
     * 64-bit draw, so each keeps its rate and they stay independent.
     */
    public int drawSamples(Shape shape) {
        long random = ThreadLocalRandom.current().nextLong();
        int samples = SAMPLES_DRAWN;
        if (logParameters || captureExplainSamples && shape.stats.wantsSample((int) random)) {
            samples |= SAMPLE_PARAMETERS;
        }
        if (((int) (random >>> 32) & callSiteMask) == 0) {
            samples |= SAMPLE_CALL_SITE;
        }
        return samples;
    }

    /**
     * Called on the executing thread when the driver returned from an execution, before any row is read: samples the
     * call site, counts the execution towards N+1 in the current scope, and captures the call site of a slow
     * statement for the slow log.
     *
     * @param transaction the connection's transaction scope, null in auto-commit mode
     * @param samples what {@link #drawSamples} drew for this execution, or {@link #UNDRAWN}
     * @return the call site to log when the statement turns out slow, or null when it is not slow
     */
    public CallSite executed(ScopeState transaction, Shape shape, long nanos, long parameterHash, int samples) {
        FingerprintStats stats = shape.stats;
        CallSite site = null;
        if ((samples & SAMPLES_DRAWN) != 0 ? stats.wantsCallSite((samples & SAMPLE_CALL_SITE) != 0)
                : stats.wantsCallSite(callSiteMask)) {
            site = callSites.capture();
            stats.addCallSite(site);
        }
        ScopeState scope = currentScope(transaction);
        if (scope != null) {
            scope.track(shape, parameterHash);
        } else if (callSites.ormSeen()) {
            outside.track(shape, parameterHash);
        }
        if (!slowLog.isSlow(nanos)) {
            return null;
        }
        return site != null ? site : callSites.capture();
    }

    /**
     * Records a completed statement: a query once its rows were read (or its result closed), an update at once.
     *
     * @param parameters the bound values when {@link #wantsParameters} said so, else null
     * @param slowSite the call site {@link #executed} returned
     */
    public void completed(ScopeState transaction, Shape shape, long nanos, long rows, String sql,
                          Object[] parameters, CallSite slowSite) {
        FingerprintStats stats = shape.stats;
        stats.record(nanos, rows);
        if (parameters != null && captureExplainSamples && replayable(parameters)) {
            stats.offerSample(sql, parameters, nanos);
        }
        if (slowLog.isSlow(nanos)) {
            slowLog.log(shape, nanos, rows, slowSite != null ? slowSite : callSites.capture(), sql, parameters, null);
        }
        ScopeState scope = currentScope(transaction);
        if (scope != null) {
            scope.record(shape, nanos, rows, null, 0);
        }
        if (shape.write) {
            wrote(transaction, shape);
        }
    }

    /** {@link #executed} and {@link #completed} at once, for statements whose result is complete on return. */
    public void executedAndCompleted(ScopeState transaction, Shape shape, long nanos, long rows, long parameterHash,
                                     String sql, Object[] parameters, int samples) {
        completed(transaction, shape, nanos, rows, sql, parameters,
                executed(transaction, shape, nanos, parameterHash, samples));
    }

    /**
     * Records a failed statement.
     *
     * @param executing whether it failed in the driver's execute call (it then counts towards N+1 and its call
     *     site is here) rather than while its rows were read
     */
    public void failed(ScopeState transaction, Shape shape, long nanos, long parameterHash, SQLException error,
                       String sql, Object[] parameters, boolean executing) {
        ErrorKind kind = SqlErrors.classify(error);
        shape.stats.record(nanos, 0);
        shape.stats.recordError();
        LOG.debug("{} - {} failed ({}) after {} µs: {}", name, shape.facts.kind(), kind, nanos / 1000,
                shape.facts.fingerprint());
        ScopeState scope = currentScope(transaction);
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
            wrote(transaction, shape); // a failed write may have changed rows before failing (no transaction)
        }
    }

    /** Records every statement of a failed batch as failed. */
    public void failedBatch(ScopeState transaction, Shape[] shapes, int size, long nanos, SQLException error) {
        if (size == 0) {
            return;
        }
        ErrorKind kind = SqlErrors.classify(error);
        long each = nanos / size;
        ScopeState scope = currentScope(transaction);
        for (int i = 0; i < size; i++) {
            shapes[i].stats.record(each, 0);
            shapes[i].stats.recordError();
            shapes[i].stats.recordBatched(1);
            if (scope != null) {
                scope.record(shapes[i], each, 0, kind, size);
            }
        }
        LOG.debug("{} - batch of {} failed ({}): {}", name, size, kind, shapes[0].facts.fingerprint());
        wroteBatch(transaction, shapes, size);
    }

    /** Records the statements of an executed batch, each with its own update count. */
    public void completedBatch(ScopeState transaction, Shape[] shapes, int size, long nanos, long[] counts) {
        long each = nanos / Math.max(1, size);
        ScopeState scope = currentScope(transaction);
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
        wroteBatch(transaction, shapes, size);
    }

    private void wroteBatch(ScopeState transaction, Shape[] shapes, int size) {
        Shape previous = null;
        for (int i = 0; i < size; i++) {
            if (shapes[i].write && shapes[i] != previous) {
                wrote(transaction, shapes[i]);
                previous = shapes[i];
            }
        }
    }

    private static boolean replayable(Object[] parameters) {
        for (Object p : parameters) {
            if (p == UNREPLAYABLE) {
                return false;
            }
        }
        return true;
    }

    /** The innermost open named scope of this thread, else the connection's transaction, else null. */
    private ScopeState currentScope(ScopeState transaction) {
        if (activeScopes.get() > 0) {
            ArrayList<ScopeState> open = scopes.get();
            for (int i = open.size() - 1; i >= 0; i--) {
                ScopeState s = open.get(i);
                if (!s.isClosed()) {
                    return s;
                }
            }
        }
        return transaction;
    }

    // ---- scopes and transactions -------------------------------------------------------------------------------

    /**
     * A transaction scope for a connection, which keeps it and reuses it across its transactions until it closes:
     * the one given back last on this thread by {@link #releaseTransaction}, else a new one.
     */
    public ScopeState takeTransaction() {
        ScopeState[] slot = spareTransaction.get(); // a slot rather than ThreadLocal.set: one lookup per call
        ScopeState spare = slot[0];
        if (spare != null) {
            slot[0] = null;
            return spare;
        }
        return new ScopeState(TRANSACTION, nPlusOneThreshold, callSites, false);
    }

    /**
     * Gives back the transaction scope of a connection that closed (and no longer holds it), for the next
     * connection on this thread; its transaction must have ended ({@link #transactionEnded}). A scope whose table
     * grew large is left to the garbage collector rather than kept per thread.
     */
    public void releaseTransaction(ScopeState transaction) {
        if (transaction.isEmpty() && transaction.isSmall()) {
            ScopeState[] slot = spareTransaction.get();
            if (slot[0] == null) {
                slot[0] = transaction;
            }
        }
    }

    /**
     * Called by a connection when its transaction ends (commit, rollback, close): reports its N+1 patterns, tells
     * write listeners again of what a committed transaction wrote, and empties the scope for the next transaction.
     *
     * @param committed whether it ended with a commit (a failed commit counts: its outcome is unknown)
     */
    public void transactionEnded(ScopeState transaction, boolean committed) {
        if (transaction.isEmpty()) {
            return;
        }
        patterns.report(transaction);
        outside.end();
        if (committed && transaction.hasDeferredWrites()) {
            notifyWrite(listenerArray, transaction.deferredTables(), transaction.deferredUnknown());
        }
        transaction.reset();
    }

    /** Opens a named scope on the current thread; statements run on it are recorded there until it closes. */
    public ScopeState openScope(String scopeName) {
        ScopeState scope = new ScopeState(scopeName, nPlusOneThreshold, callSites, true);
        scopes.get().add(scope);
        activeScopes.incrementAndGet();
        return scope;
    }

    /** Closes a named scope and reports its N+1 patterns; idempotent. */
    public void closeScope(ScopeState scope) {
        if (!scope.close()) {
            return;
        }
        patterns.report(scope);
        activeScopes.decrementAndGet();
        outside.end();
        if (Thread.currentThread() == scope.owner()) {
            ArrayList<ScopeState> open = scopes.get();
            open.remove(scope);
            open.removeIf(ScopeState::isClosed);
            if (open.isEmpty()) {
                scopes.remove();
            }
        }
    }

    // ---- write listeners ---------------------------------------------------------------------------------------

    private void wrote(ScopeState transaction, Shape shape) {
        WriteListener[] listeners = listenerArray;
        if (listeners.length == 0) {
            return;
        }
        notifyWrite(listeners, shape.facts.tablesWritten(), shape.facts.writesUnknownTables());
        if (transaction != null) {
            transaction.deferWrite(shape.facts);
        }
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

    /** Names N+1 patterns by entity association from now on (see {@link EntityMappings}). */
    public void useEntityMappings(EntityMappings mappings) {
        patterns.useMappings(Objects.requireNonNull(mappings, "mappings"));
    }

    /** The entity mappings in use, {@link EntityMappings#none()} until some were given. */
    public EntityMappings entityMappings() {
        return patterns.mappings();
    }

    /** Registers a listener for writes. */
    public void addWriteListener(WriteListener listener) {
        writeListeners.add(Objects.requireNonNull(listener, "listener"));
        listenerArray = writeListeners.toArray(new WriteListener[0]);
    }

    /** Removes a listener registered with {@link #addWriteListener}. */
    public void removeWriteListener(WriteListener listener) {
        writeListeners.remove(listener);
        listenerArray = writeListeners.toArray(new WriteListener[0]);
    }
}
