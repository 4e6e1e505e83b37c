package io.dbopt.pool;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the pool honest: validates idle connections and evicts the dead, reconciles the pool's view with the
 * server's (connections the pool counts but the server dropped are condemned and evicted before they are lent
 * again; sessions idle inside a transaction are named with their holder), and reports borrows held past the leak
 * threshold with a stack trace.
 *
 * <p>Obtained from {@link ConnectionPoolManager#connectionHealth()}. The pool runs {@link #check()} every
 * {@link PoolConfig#healthCheckInterval()} and logs its findings at WARN; callers may run it at any time. Server
 * reads and validation run on the pool's server-monitor thread, each bounded by the monitor query timeout, so a check
 * never hangs; {@link ConnectionPoolManager#healthCheck()} answers from the last check without touching the
 * database. Thread-safe.
 */
public interface ConnectionHealthCheck {

    /**
     * Reconciles with the server, evicts dropped and dead connections, lists leaks and derives findings. When the
     * server cannot be read the report says why and the rest still runs. Idle connections are swept
     * ({@link #validateIdle()}) only when some are condemned or a connection was lost; healthy idle ones are left to
     * HikariCP's own validation (before lending one idle for more than 500 ms with {@code pre_ping}, and its
     * keepalive), so a periodic check does not borrow them.
     */
    HealthReport check();

    /** The last report, once a check has run. */
    Optional<HealthReport> lastReport();

    /** Borrows held past the leak threshold now (empty when the threshold is zero), without logging. */
    List<LeakReport> leaks();

    /**
     * Reads the server's sessions of this application and sets them against the pool's connections. Connections the
     * server no longer has are condemned: HikariCP evicts them instead of lending them, and the next validation sweep
     * closes the idle ones at once.
     *
     * @throws PoolException with {@link PoolErrorCode#DATABASE_UNREACHABLE} when the server cannot be read
     */
    Reconciliation reconcile();

    /**
     * Borrows every idle connection once and gives it back, so each is validated (when idle for more than 500 ms and
     * {@code pre_ping} is on) and the dead and condemned are evicted; returns how many were evicted.
     *
     * @throws PoolException with {@link PoolErrorCode#DATABASE_UNREACHABLE} when validation fails
     */
    int validateIdle();
}
