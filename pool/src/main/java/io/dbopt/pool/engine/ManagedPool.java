package io.dbopt.pool.engine;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.dbopt.pool.AcquireFailure;
import io.dbopt.pool.PoolAcquireException;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.PoolSnapshot;
import io.dbopt.pool.driver.ConnectionFactory;
import io.dbopt.pool.driver.Lease;
import io.dbopt.pool.driver.TrackedConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind the pool: lends HikariCP's connections and books who holds what in the lease of the physical
 * connection ({@link Lease}, read by {@link Leases}), resizes HikariCP and evicts connections. A borrow costs
 * HikariCP's borrow, one unwrap to the physical connection and a few plain stores to its lease, which no other thread
 * writes while it is lent; HikariCP's own proxy is what the borrower gets, and HikariCP taking it back ends the lease.
 * Clocks are read only for the borrows {@link BorrowRecording} times. Only a tenant's borrow (whose permit must come
 * back) and an adopted pool's (whose physical connections dbopt did not open) are wrapped in a
 * {@link PooledConnection}. Thread-safe; resizing and sweeping are called from the pool's own threads.
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
    private final Leases leases;
    private final BorrowRecording recording;
    private final Returns returns;
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
                       PoolEvents events, Leases leases, BorrowRecording recording, Returns returns) {
        this.config = config;
        this.name = config.poolName();
        this.hikari = hikari;
        this.hikariPool = (HikariPool) hikari.getHikariPoolMXBean();
        this.factory = factory;
        this.counters = counters;
        this.events = events;
        this.leases = leases;
        this.recording = recording;
        this.returns = returns;
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
        int mask = recording.timingMask();
        boolean timed = mask == 0 || (ThreadLocalRandom.current().nextInt() & mask) == 0;
        long start = timed ? System.nanoTime() : 0L;
        Connection proxy = borrow();
        if (suspect || condemned) {
            proxy = checked(proxy);
        }
        long now = 0L;
        if (timed) {
            now = System.nanoTime();
            counters.acquired(now - start);
        }
        Throwable site = recording.captureSite() ? new AcquireSite() : null;
        String tenant = permit == null ? null : permit.tenant();
        if (factory != null) {
            Lease lease = proxy.unwrap(TrackedConnection.class).lease();
            boolean logged = events.on();
            lease.lend(now, site, tenant, logged);
            if (logged) {
                events.checkout(lease.label(), Thread.currentThread().getName(), snapshot().describe());
            }
            return permit == null ? proxy : new PooledConnection(proxy, home, null, permit);
        }
        return adoptedLend(proxy, now, site, permit);
    }

    /** Lends a connection of an adopted pool: its lease lives in the wrapper. */
    private Connection adoptedLend(Connection proxy, long now, Throwable site, Permit permit) {
        Lease lease = new Lease("connection@" + Integer.toHexString(System.identityHashCode(proxy)));
        boolean logged = events.on();
        lease.lend(now, site, permit == null ? null : permit.tenant(), logged);
        leases.lent(lease);
        if (logged) {
            events.checkout(lease.label(), Thread.currentThread().getName(), snapshot().describe());
        }
        return new PooledConnection(proxy, home, lease, permit);
    }

    private Connection borrow() throws SQLException {
        try {
            return hikari.getConnection();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private PoolAcquireException failed(SQLException e) {
        boolean wasClosed = closed;
        if (!wasClosed && !Thread.currentThread().isInterrupted()) {
            counters.timedOut();
        }
        int heldBefore = leases.heldBy(Thread.currentThread());
        if (heldBefore > 0) {
            leases.heldAtOnce(heldBefore + 1);
        }
        PoolAcquireException failure = AcquireErrors.classify(config, snapshot(), e, heldBefore, wasClosed,
                leases.observedThreads(), leases.observedConnectionsPerThread());
        lastFailureNanos = System.nanoTime();
        lastFailure = failure.failure();
        return failure;
    }

    /**
     * Lends {@code proxy} only if it was not condemned and, after a connection was lost, the server answers on it;
     * otherwise evicts it and borrows another.
     */
    private Connection checked(Connection proxy) throws SQLException {
        Connection c = proxy;
        int seconds = validationSeconds();
        for (int i = 0; i <= currentMax(); i++) {
            boolean dead = condemned && condemned(c);
            if (!dead && (!suspect || IdleConnections.probe(c, seconds))) {
                return c;
            }
            hikari.evictConnection(c);
            c.close();
            c = borrow();
        }
        return c;
    }

    private static boolean condemned(Connection hikariProxy) throws SQLException {
        return hikariProxy.isWrapperFor(TrackedConnection.class)
                && hikariProxy.unwrap(TrackedConnection.class).isMarkedDead();
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

    /**
     * Closes (or aborts) HikariCP's proxy of a wrapped connection, then books the return of an adopted pool's
     * connection (a connection dbopt opened books its own, when HikariCP takes it back) and gives the tenant's permit
     * back; the connection was closed exactly once.
     */
    private final class Home implements PooledConnection.Home {
        @Override
        public void checkIn(PooledConnection c) throws SQLException {
            try {
                c.hikariProxy().close();
            } finally {
                returned(c);
            }
        }

        @Override
        public void abort(PooledConnection c, Executor executor) throws SQLException {
            try {
                c.hikariProxy().abort(executor);
            } finally {
                returned(c);
            }
        }
    }

    private void returned(PooledConnection c) {
        try {
            if (c.lease != null) {
                long since = c.lease.end();
                leases.returned(c.lease);
                if (since >= 0) {
                    returns.booked(c.lease, since);
                }
            }
        } finally {
            if (c.permit != null) {
                c.permit.release();
            }
        }
    }

    /** The pool's numbers now. */
    public PoolSnapshot snapshot() {
        HikariPool p = hikariPool;
        int total = p.getTotalConnections();
        int size = config.poolSize();
        return new PoolSnapshot(Instant.now(), name, size, p.getIdleConnections(), p.getActiveConnections(),
                Math.max(0, total - size), total, p.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize(),
                counters.acquireTime().percentiles(), counters.usageTime().percentiles(), leases.acquisitions(),
                counters.timeouts(), counters.creations(), counters.creationFailures(), counters.evictions(),
                counters.grows(), counters.shrinks(), counters.leaksSuspected(), leases.observedThreads(),
                leases.observedConnectionsPerThread());
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

    /**
     * Moves HikariCP's maximum; a smaller maximum closes idle connections above it at once, and condemns as many lent
     * ones as still exceed it (see {@link #trimToMax()}).
     */
    public void resize(int newMax) {
        if (!closed) {
            idle.resize(newMax);
            trimToMax();
        }
    }

    /**
     * Keeps the open connections within HikariCP's maximum after a shrink. HikariCP lowers its maximum but keeps every
     * connection that was lent at the time, and lends it again on return, so under load a smaller maximum changed
     * nothing; the newest connections above it are condemned instead, and evicted rather than lent again at their next
     * borrow. Clears the condemned state once no condemned connection is left. Returns how many were condemned now;
     * an adopted pool (whose connections dbopt did not open) is left alone. Called by the sizer every interval.
     */
    public int trimToMax() {
        if (closed || factory == null) {
            return 0;
        }
        List<TrackedConnection> live = new ArrayList<>(physical());
        live.sort(Comparator.comparingLong(TrackedConnection::createdNanos));
        int open = 0;
        int dying = 0;
        for (TrackedConnection t : live) {
            if (!t.isPhysicallyClosed()) {
                open++;
                if (t.isMarkedDead()) {
                    dying++;
                }
            }
        }
        int excess = open - dying - currentMax();
        if (excess <= 0) {
            if (dying == 0 && condemned) {
                condemned = false;
            }
            return 0;
        }
        String reason = "the pool shrank to " + currentMax() + " connections";
        int done = 0;
        for (int i = live.size() - 1; i >= 0 && done < excess; i--) {
            TrackedConnection t = live.get(i);
            if (!t.isPhysicallyClosed() && !t.isMarkedDead()) {
                condemn(t, reason);
                done++;
            }
        }
        return done;
    }

    /**
     * Whether the idle connections hold something only a sweep removes: a condemned connection (the server dropped its
     * session, or the pool shrank), or siblings of a lost connection not yet probed. Otherwise HikariCP validates idle
     * connections itself (before lending one idle for more than 500 ms, and its keepalive), and the periodic health
     * check does not sweep: a sweep borrows every idle connection through HikariCP's borrow path on the monitor's
     * thread, taking branches the borrowing threads never take (a validation, a return without a lease), which makes
     * the JIT throw away the compiled borrow and return paths of every borrowing thread for seconds.
     */
    public boolean sweepNeeded() {
        return condemned || suspect;
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

    /** Closes HikariCP (an adopted pool too), then publishes the last timed borrows to the timers; idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (factory != null) {
            factory.shuttingDown();
        }
        try {
            hikari.close();
        } finally {
            counters.publish();
        }
    }

    /** Marks where a connection was borrowed; only its stack trace matters. */
    static final class AcquireSite extends Throwable {
        private static final long serialVersionUID = 1L;

        AcquireSite() {
            super("connection acquired here", null, false, true);
        }
    }
}
