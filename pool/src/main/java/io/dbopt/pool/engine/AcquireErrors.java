package io.dbopt.pool.engine;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import io.dbopt.pool.AcquireFailure;
import io.dbopt.pool.PoolAcquireException;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.PoolSnapshot;
import io.dbopt.pool.SizingAdvice;
import java.sql.SQLException;

/**
 * Turns HikariCP's acquire failure (a timeout carrying the last connection failure as its cause) into a
 * {@link PoolAcquireException} that names the case: pool exhausted, nested borrowing, database unreachable, server
 * out of connections, authentication failed, closed or interrupted. Database errors are classified through
 * {@link SqlErrors}, never by message text. Every message is redacted. Stateless.
 */
public final class AcquireErrors {

    private AcquireErrors() {
    }

    /** The pool is closed. */
    static PoolAcquireException closed(PoolSnapshot s) {
        return build(AcquireFailure.POOL_CLOSED, s.poolName() + " - the pool is closed", null, s);
    }

    /**
     * Names the case of a failed acquisition.
     *
     * @param heldBefore connections the calling thread already held
     * @param closed whether the pool was closed meanwhile
     * @param threads Tn, the most threads seen borrowing at once
     * @param perThread Cm, the most connections one thread was seen holding at once
     */
    static PoolAcquireException classify(PoolConfig config, PoolSnapshot s, SQLException error, int heldBefore,
                                         boolean closed, int threads, int perThread) {
        String name = config.poolName();
        if (closed) {
            return build(AcquireFailure.POOL_CLOSED, name + " - the pool was closed while waiting", error, s);
        }
        if (Thread.currentThread().isInterrupted()) {
            return build(AcquireFailure.INTERRUPTED, name + " - interrupted while waiting for a connection", error, s);
        }
        long waited = config.poolTimeout().toMillis();
        Throwable cause = error.getCause();
        if (cause != null && s.total() < s.max()) {
            return unreachable(name, s, error, cause, waited);
        }
        if (heldBefore > 0) {
            int tn = Math.max(threads, s.checkedOut() + s.pending());
            int cm = Math.max(perThread, heldBefore + 1);
            int bound = SizingAdvice.deadlockBound(tn, cm);
            String message = name + " - this thread already holds " + heldBefore + " connection(s) of the pool and "
                    + "waited " + waited + " ms for another while all were in use (" + s.describe() + "): threads that "
                    + "each need " + cm + " connections deadlock a pool smaller than Tn*(Cm-1)+1 = " + tn + "*(" + cm
                    + "-1)+1 = " + bound + "; pass the connection you hold down instead of borrowing another, or size "
                    + "the pool to " + bound + (config.adaptive() ? " (adaptive sizing grows to it within "
                    + "max_overflow = " + config.maxOverflow() + ")" : "");
            return build(AcquireFailure.NESTED_BORROWING, message, error, s);
        }
        String message = name + " - pool exhausted: every connection stayed in use for " + waited + " ms ("
                + s.describe() + ", usage p95=" + s.usageTime().p95().toMillis() + " ms"
                + (config.adaptive() ? ", adaptive maximum " + s.max() + " of " + config.maxSize() : "")
                + "): " + AcquireFailure.POOL_EXHAUSTED.advice();
        return build(AcquireFailure.POOL_EXHAUSTED, message, error, s);
    }

    private static PoolAcquireException unreachable(String name, PoolSnapshot s, SQLException error, Throwable cause,
                                                    long waited) {
        ErrorKind kind = SqlErrors.classify(cause);
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
        String message = name + " - " + what + " (" + kind + SqlErrors.sqlState(cause).map(st -> ", SQLState " + st)
                .orElse("") + ": " + firstLine(cause) + "); waited " + waited + " ms (" + s.describe() + "); the pool "
                + "keeps retrying with backoff: " + failure.advice();
        return build(failure, message, error, s);
    }

    /**
     * A tenant already held its whole share for its whole wait.
     *
     * @param held connections the tenant held when it gave up
     * @param limit the tenant's limit
     * @param waitedNanos how long it waited
     */
    public static PoolAcquireException tenantLimit(PoolSnapshot s, String tenant, int held, int limit,
                                                   long waitedNanos) {
        String message = s.poolName() + " - tenant '" + tenant + "' already holds " + held + " of its " + limit
                + " connections and waited " + waitedNanos / 1_000_000 + " ms (" + s.describe() + "): "
                + AcquireFailure.TENANT_LIMIT_EXCEEDED.advice();
        return new PoolAcquireException(AcquireFailure.TENANT_LIMIT_EXCEEDED, Redaction.redactText(message), s, null,
                0, null);
    }

    /** The thread was interrupted while a tenant waited for its share. */
    public static PoolAcquireException tenantInterrupted(PoolSnapshot s, String tenant, InterruptedException e) {
        return new PoolAcquireException(AcquireFailure.INTERRUPTED, s.poolName() + " - interrupted while tenant '"
                + tenant + "' waited for its share", s, null, 0, e);
    }

    private static String firstLine(Throwable t) {
        return Redaction.redactDriverText(t);
    }

    private static PoolAcquireException build(AcquireFailure failure, String message, SQLException error,
                                              PoolSnapshot snapshot) {
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
