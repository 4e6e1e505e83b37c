package io.dbopt.pool.engine;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.dbopt.pool.AcquireFailure;
import io.dbopt.pool.PoolAcquireException;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.PoolSnapshot;
import io.dbopt.pool.driver.ConnectionFactory;
import io.dbopt.pool.driver.TrackedConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind the pool: lends connections from HikariCP wrapped in {@link PooledConnection}s and books who
 * holds what ({@link Borrowers}), resizes HikariCP and evicts connections. A borrow costs HikariCP's borrow, one
 * thread-local lookup, one small allocation and a few plain stores to the borrowing thread's own state; clocks are
 * read only for the borrows {@link BorrowRecording} times. A return costs one compare-and-set (exactly once) and the
 * same plain stores. Thread-safe; resizing and sweeping are called from the pool's own threads.
 */
public final class ManagedPool {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedPool.class);

    private final PoolConfig config;
    private final String name;
    private final HikariDataSource hikari;
    private final HikariPool hikariPool;
    /** Null when an existing HikariCP pool was adopted. */
    private final ConnectionFactory factory;
    private final PoolCounters counters;
    private final PoolEvents events;
    private final Borrowers borrowers;
    private final BorrowRecording recording;
    private final IdleConnections idle;
    private final PooledConnection.Home home = new Home();
    private volatile boolean closed;
    /** Whether some live connection was condemned and must be evicted rather than returned. */
    private volatile boolean condemned;
    /**
     * Set when a connection was lost: its siblings, opened to the same server, may be dead too, so each is validated
     * before it is lent until a sweep has checked the idle ones.
     */
    private volatile boolean suspect;
    private volatile Runnable onConnectionLost = () -> { };
    private volatile AcquireFailure lastFailure;
    private volatile long lastFailureNanos;

    /**
     * A pool over a started HikariCP pool.
     *
     * @param factory the physical connections' factory, null when an existing HikariCP pool was adopted
     */
    public ManagedPool(PoolConfig config, HikariDataSource hikari, ConnectionFactory factory, PoolCounters counters,
                       PoolEvents events, Borrowers borrowers, BorrowRecording recording) {
        this.config = config;
        this.name = config.poolName();
        this.hikari = hikari;
        this.hikariPool = (HikariPool) hikari.getHikariPoolMXBean();
        this.factory = factory;
        this.counters = counters;
        this.events = events;
        this.borrowers = borrowers;
        this.recording = recording;
        this.idle = new IdleConnections(name, hikari, hikariPool);
    }

    /** The pool's name. */
    public String name() {
        return name;
    }

    /** The settings in force. */
    public PoolConfig config() {
        return config;
    }

    /** The HikariCP pool underneath. */
    public HikariDataSource hikari() {
        return hikari;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Lends a connection, counting it against {@code permit}'s tenant when one is given.
     *
     * @throws PoolAcquireException naming the case when no connection can be had
     */
    public Connection acquire(Permit permit) throws SQLException {
        if (closed) {
            throw AcquireErrors.closed(snapshot());
        }
        BorrowerState st = borrowers.current();
        int before = st.held();
        boolean timed = st.timed(recording.timingMask());
        long start = timed ? System.nanoTime() : 0L;
        Connection proxy = before == 0 ? borrow(0) : borrowNested(st, before);
        if (suspect) {
            proxy = validated(proxy, before);
        }
        long now = 0L;
        if (timed) {
            now = System.nanoTime();
            counters.acquired(now - start);
        }
        int count = st.acquired();
        if (count > 1) {
            borrowers.heldAtOnce(count);
        }
        Throwable site = recording.captureSite() ? new AcquireSite() : null;
        PooledConnection c = new PooledConnection(proxy, home, st, timed, now, permit, site);
        c.slot = st.hold(c);
        if (events.on()) {
            events.checkout(c.label(), st.thread.getName(), snapshot().describe());
        }
        return c;
    }

    private Connection borrow(int heldBefore) throws SQLException {
        try {
            return hikari.getConnection();
        } catch (SQLException e) {
            throw failed(e, heldBefore);
        }
    }

    private Connection borrowNested(BorrowerState st, int before) throws SQLException {
        st.heldWhileWaiting = before;
        st.waiting = true;
        try {
            return borrow(before);
        } finally {
            st.waiting = false;
        }
    }

    private PoolAcquireException failed(SQLException e, int heldBefore) {
        boolean wasClosed = closed;
        if (!wasClosed && !Thread.currentThread().isInterrupted()) {
            counters.timedOut();
        }
        PoolAcquireException failure = AcquireErrors.classify(config, snapshot(), e, heldBefore, wasClosed,
                borrowers.observedThreads(), borrowers.observedConnectionsPerThread());
        lastFailureNanos = System.nanoTime();
        lastFailure = failure.failure();
        return failure;
    }

    /** Lends {@code proxy} only if the server answers on it; otherwise evicts it and borrows another. */
    private Connection validated(Connection proxy, int before) throws SQLException {
        Connection c = proxy;
        int seconds = validationSeconds();
        for (int i = 0; i <= currentMax() && !IdleConnections.probe(c, seconds); i++) {
            hikari.evictConnection(c);
            c.close();
            c = borrow(before);
        }
        return c;
    }

    /** How long one validation may take, from {@code pool_timeout}: half of it, between 1 and 5 s. */
    public int validationSeconds() {
        return (int) Math.max(1, Math.min(5, config.poolTimeout().toSeconds() / 2));
    }

    /** The last acquisition failure within {@code window}, if any. */
    public Optional<AcquireFailure> recentFailure(Duration window) {
        AcquireFailure f = lastFailure;
        return f != null && System.nanoTime() - lastFailureNanos <= window.toNanos() ? Optional.of(f)
                : Optional.empty();
    }

    /** Closes (or aborts) HikariCP's proxy and books the return; the connection was closed exactly once. */
    private final class Home implements PooledConnection.Home {
        @Override
        public void checkIn(PooledConnection c) throws SQLException {
            String label = c.leakReported || events.on() ? c.label() : null;
            try {
                if (condemned) {
                    evictIfCondemned(c);
                }
                c.hikariProxy().close();
            } finally {
                returned(c, label);
            }
        }

        @Override
        public void abort(PooledConnection c, Executor executor) throws SQLException {
            String label = c.leakReported || events.on() ? c.label() : null;
            try {
                c.hikariProxy().abort(executor);
            } finally {
                returned(c, label);
            }
        }
    }

    private void evictIfCondemned(PooledConnection c) {
        c.physical().filter(TrackedConnection::isMarkedDead).ifPresent(t -> hikari.evictConnection(c.hikariProxy()));
    }

    /** Books a returned connection; {@code label} is its name when logging needs it, else null. */
    private void returned(PooledConnection c, String label) {
        long heldNanos = c.timed ? System.nanoTime() - c.borrowNanos : -1;
        BorrowerState owner = c.owner;
        owner.free(c.slot);
        if (Thread.currentThread() == owner.thread) {
            owner.releasedByOwner();
        } else {
            borrowers.remoteReturn(owner);
        }
        if (heldNanos >= 0) {
            counters.returned(heldNanos);
        }
        if (c.permit != null) {
            c.permit.release();
        }
        if (c.leakReported) {
            LOG.info("{} - {} reported as a possible leak was returned after {} ms", name, label,
                    heldNanos < 0 ? "(untimed)" : heldNanos / 1_000_000);
        }
        if (label != null && events.on()) {
            events.checkin(label, heldNanos);
        }
    }

    /** The pool's numbers now. */
    public PoolSnapshot snapshot() {
        HikariPool p = hikariPool;
        int total = p.getTotalConnections();
        int size = config.poolSize();
        return new PoolSnapshot(Instant.now(), name, size, p.getIdleConnections(), p.getActiveConnections(),
                Math.max(0, total - size), total, p.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize(),
                counters.acquireTime().percentiles(), counters.usageTime().percentiles(), borrowers.acquisitions(),
                counters.timeouts(), counters.creations(), counters.creationFailures(), counters.evictions(),
                counters.grows(), counters.shrinks(), counters.leaksSuspected(), borrowers.observedThreads(),
                borrowers.observedConnectionsPerThread());
    }

    /** Open connections. */
    public int total() {
        return hikariPool.getTotalConnections();
    }

    /** Connections lent out. */
    public int active() {
        return hikariPool.getActiveConnections();
    }

    /** Connections waiting in the pool. */
    public int idleCount() {
        return hikariPool.getIdleConnections();
    }

    /** Threads waiting for a connection. */
    public int pending() {
        return hikariPool.getThreadsAwaitingConnection();
    }

    /** HikariCP's maximum now. */
    public int currentMax() {
        return hikari.getMaximumPoolSize();
    }

    /** Whether the pool needs connections it does not have: borrowers wait, or it is below its core size. */
    public boolean starving() {
        return !closed && (hikariPool.getThreadsAwaitingConnection() > 0
                || hikariPool.getTotalConnections() < Math.min(config.poolSize(), currentMax()));
    }

    /** The server answers again: end HikariCP's backoff and have it open connections now. */
    public void refillNow() {
        if (factory != null) {
            factory.wakeCreator();
        }
        hikariPool.addBagItem(Math.max(1, hikariPool.getThreadsAwaitingConnection()));
    }

    /** Called when HikariCP evicts a connection because the server end is gone. */
    public void connectionLost() {
        if (!closed && !suspect) {
            suspect = true;
            onConnectionLost.run();
        }
    }

    /** What to run after a connection was lost (the server monitor sweeps the idle ones). */
    public void onConnectionLost(Runnable action) {
        this.onConnectionLost = action;
    }

    /** Moves HikariCP's maximum; a smaller maximum closes idle connections above it at once. */
    public void resize(int newMax) {
        if (!closed) {
            idle.resize(newMax);
        }
    }

    /**
     * Validates idle connections and evicts the dead and condemned (after a connection loss, every one that does not
     * answer); returns how many were evicted.
     */
    public int sweepIdle() throws SQLException {
        long evictionsBefore = counters.evictions();
        boolean probeAll = suspect;
        int evictedHere;
        try {
            evictedHere = idle.sweep(probeAll, validationSeconds());
        } finally {
            if (condemned && physical().stream().noneMatch(TrackedConnection::isMarkedDead)) {
                condemned = false;
            }
            if (probeAll) {
                suspect = false;
            }
        }
        return factory != null ? (int) (counters.evictions() - evictionsBefore) : evictedHere;
    }

    /** Borrows straight from HikariCP for the pool's own use (identification); the caller closes it. */
    public Connection borrowInternal(Duration timeout) throws SQLException {
        return hikariPool.getConnection(timeout.toMillis());
    }

    /** Evicts a connection borrowed with {@link #borrowInternal(Duration)}. */
    public void evict(Connection hikariProxy) {
        hikari.evictConnection(hikariProxy);
    }

    /** Opens the monitor's own connection, outside the pool. */
    public Connection openMonitorConnection() throws SQLException {
        if (factory != null) {
            return factory.openUnpooled(monitorApplicationName(config.applicationName()));
        }
        DataSource raw = hikariPool.getUnwrappedDataSource();
        String user = hikari.getUsername();
        return user == null ? raw.getConnection() : raw.getConnection(user, hikari.getPassword());
    }

    /** The application name of the monitor's connection: the pool's with {@code /monitor}, within 63 characters. */
    static String monitorApplicationName(String applicationName) {
        String suffix = "/monitor";
        String base = applicationName.length() + suffix.length() > 63
                ? applicationName.substring(0, 63 - suffix.length()) : applicationName;
        return base + suffix;
    }

    /** Condemns a connection the server no longer has: it is evicted instead of being lent or returned. */
    public void condemn(TrackedConnection t, String reason) {
        t.markDead(reason);
        condemned = true;
    }

    /** Whether dbopt opened the connections (it knows their session ids), rather than an adopted pool. */
    public boolean ownsConnections() {
        return factory != null;
    }

    /** Whether dbopt set the application name the server sees (URL mode). */
    public boolean ownsApplicationName() {
        return factory != null && factory.ownsApplicationName();
    }

    /** The physical connections open now, when dbopt built the pool. */
    public List<TrackedConnection> physical() {
        return factory == null ? List.of() : factory.live();
    }

    /** Closes HikariCP (an adopted pool too); idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (factory != null) {
            factory.shuttingDown();
        }
        hikari.close();
    }

    /** Marks where a connection was borrowed; only its stack trace matters. */
    static final class AcquireSite extends Throwable {
        private static final long serialVersionUID = 1L;

        AcquireSite() {
            super("connection acquired here", null, false, true);
        }
    }
}
