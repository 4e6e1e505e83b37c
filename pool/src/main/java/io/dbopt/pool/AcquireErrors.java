package io.dbopt.pool;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import java.sql.SQLException;

/**
 * Turns HikariCP's acquire failure (a timeout carrying the last connection failure as its cause) into a
 * {@link PoolAcquireException} that names the case: pool exhausted, nested borrowing, database unreachable, server
 * out of connections, authentication failed, closed or interrupted. Database errors are classified through
 * {@link SqlErrors}, never by message text. Stateless.
 */
final class AcquireErrors {

    private AcquireErrors() {
    }

    static PoolAcquireException closed(ManagedPool pool) {
        return build(pool, AcquireFailure.POOL_CLOSED, pool.name + " - the pool is closed", null);
    }

    static PoolAcquireException classify(ManagedPool pool, SQLException error, int heldBefore) {
        if (!pool.isClosed() && !Thread.currentThread().isInterrupted()) {
            pool.counters.timeouts.increment();
        }
        PoolSnapshot s = pool.snapshot();
        if (pool.isClosed()) {
            return build(pool, AcquireFailure.POOL_CLOSED, pool.name + " - the pool was closed while waiting", error, s);
        }
        if (Thread.currentThread().isInterrupted()) {
            return build(pool, AcquireFailure.INTERRUPTED, pool.name + " - interrupted while waiting for a "
                    + "connection", error, s);
        }
        long waited = pool.config.poolTimeout().toMillis();
        Throwable cause = error.getCause();
        ErrorKind kind = cause == null ? ErrorKind.OTHER : SqlErrors.classify(cause);
        boolean couldOpenMore = s.total() < s.max();
        if (cause != null && couldOpenMore) {
            AcquireFailure failure = switch (kind) {
                case TOO_MANY_CONNECTIONS -> AcquireFailure.SERVER_OUT_OF_CONNECTIONS;
                case PERMISSION_DENIED -> AcquireFailure.AUTHENTICATION_FAILED;
                default -> AcquireFailure.DATABASE_UNREACHABLE;
            };
            String what = switch (failure) {
                case SERVER_OUT_OF_CONNECTIONS -> "the server refused new sessions: it is out of connections";
                case AUTHENTICATION_FAILED -> "the server rejected the login";
                default -> "no connection could be opened: the database is unreachable";
            };
            String message = pool.name + " - " + what + " (" + kind + SqlErrors.sqlState(cause)
                    .map(st -> ", SQLState " + st).orElse("") + ": " + firstLine(cause) + "); waited " + waited
                    + " ms (" + s.describe() + "); the pool keeps retrying with backoff: " + failure.advice();
            return build(pool, failure, message, error, s);
        }
        if (heldBefore > 0) {
            int threads = Math.max(pool.observedThreads(), s.active() + s.pending());
            int perThread = Math.max(pool.observedConnectionsPerThread(), heldBefore + 1);
            int bound = SizingAdvice.deadlockBound(threads, perThread);
            String message = pool.name + " - this thread already holds " + heldBefore + " connection(s) of the pool "
                    + "and waited " + waited + " ms for another while all were in use (" + s.describe() + "): "
                    + "threads that each need " + perThread + " connections deadlock a pool smaller than "
                    + "Tn*(Cm-1)+1 = " + threads + "*(" + perThread + "-1)+1 = " + bound + "; "
                    + "pass the connection you hold down instead of borrowing another, or size the pool to " + bound
                    + (pool.config.adaptive() ? " (adaptive sizing grows to it within max_overflow = "
                    + pool.config.maxOverflow() + ")" : "");
            return build(pool, AcquireFailure.NESTED_BORROWING, message, error, s);
        }
        String message = pool.name + " - pool exhausted: every connection stayed in use for " + waited + " ms ("
                + s.describe() + ", usage p95=" + s.usageTime().p95().toMillis() + " ms"
                + (pool.config.adaptive() ? ", adaptive maximum " + s.max() + " of " + pool.config.maxSize() : "")
                + "): " + AcquireFailure.POOL_EXHAUSTED.advice();
        return build(pool, AcquireFailure.POOL_EXHAUSTED, message, error, s);
    }

    static PoolAcquireException tenantLimit(ManagedPool pool, Bulkhead bulkhead, int held, long waitedNanos) {
        PoolSnapshot s = pool.snapshot();
        String message = pool.name + " - tenant '" + bulkhead.tenant + "' already holds " + held
                + " of its " + bulkhead.limit() + " connections and waited " + waitedNanos / 1_000_000
                + " ms (" + s.describe() + "): " + AcquireFailure.TENANT_LIMIT_EXCEEDED.advice();
        return new PoolAcquireException(AcquireFailure.TENANT_LIMIT_EXCEEDED, Redaction.redactText(message), s, null,
                0, null);
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static PoolAcquireException build(ManagedPool pool, AcquireFailure failure, String message,
                                              SQLException error) {
        return build(pool, failure, message, error, pool.snapshot());
    }

    private static PoolAcquireException build(ManagedPool pool, AcquireFailure failure, String message,
                                              SQLException error, PoolSnapshot snapshot) {
        Throwable cause = error == null ? null : error.getCause() != null ? error.getCause() : error;
        String state = null;
        int vendor = 0;
        if (cause != null && failure != AcquireFailure.POOL_EXHAUSTED && failure != AcquireFailure.NESTED_BORROWING) {
            state = SqlErrors.sqlState(cause).orElse(null);
            vendor = SqlErrors.vendorCode(cause).orElse(0);
        }
        PoolAcquireException e = new PoolAcquireException(failure, Redaction.redactText(message), snapshot, state,
                vendor, cause);
        if (error != null && cause != error) {
            e.addSuppressed(error);
        }
        return e;
    }
}
