package io.dbopt.pool;

/**
 * Why a connection could not be handed out. The three cases an operator most needs told apart are
 * {@link #POOL_EXHAUSTED} (the application holds every connection: look at the pool), {@link #DATABASE_UNREACHABLE}
 * (the network or the server: look at the database host) and {@link #SERVER_OUT_OF_CONNECTIONS} (other clients hold
 * the server's sessions: look at the cluster-wide budget).
 */
public enum AcquireFailure {
    /** Every connection stayed in use for the whole acquire timeout. */
    POOL_EXHAUSTED(PoolErrorCode.EXHAUSTED, true,
            "find slow or leaked borrowers (leak report, usage percentiles) or let adaptive sizing grow the pool"),
    /**
     * The pool was exhausted while the calling thread already held a connection from it: threads that each need two
     * connections can deadlock a pool smaller than Tn*(Cm-1)+1.
     */
    NESTED_BORROWING(PoolErrorCode.NESTED_BORROWING, true,
            "pass the connection you hold down instead of borrowing a second one, or size the pool to the deadlock "
                    + "bound Tn*(Cm-1)+1"),
    /** No connection could be opened: the server is down, unreachable or silent. */
    DATABASE_UNREACHABLE(PoolErrorCode.DATABASE_UNREACHABLE, true,
            "check that the database server is up and reachable; the pool refills on its own once it is"),
    /** The server refused a new session because its (or the role's) connection limit is reached. */
    SERVER_OUT_OF_CONNECTIONS(PoolErrorCode.SERVER_OUT_OF_CONNECTIONS, true,
            "other clients hold the server's sessions: lower pool sizes across instances (cluster budget) or raise "
                    + "max_connections; retry with backoff"),
    /** The server rejected the credentials or the privilege to connect. */
    AUTHENTICATION_FAILED(PoolErrorCode.AUTHENTICATION_FAILED, false,
            "check the user name, password and the user's right to connect to this database"),
    /** The tenant already held its share of the pool for its whole wait budget. */
    TENANT_LIMIT_EXCEEDED(PoolErrorCode.TENANT_LIMIT_EXCEEDED, true,
            "the tenant is using its whole share: slow its requests down or raise its limit"),
    /** The pool is closed. */
    POOL_CLOSED(PoolErrorCode.CLOSED, false, "the application closed this pool; use a pool that is open"),
    /** The waiting thread was interrupted. */
    INTERRUPTED(PoolErrorCode.INTERRUPTED, false, "the thread was interrupted while waiting for a connection");

    private final PoolErrorCode errorCode;
    private final boolean transientFailure;
    private final String advice;

    AcquireFailure(PoolErrorCode errorCode, boolean transientFailure, String advice) {
        this.errorCode = errorCode;
        this.transientFailure = transientFailure;
        this.advice = advice;
    }

    /** The error code a {@link PoolException} for this failure carries. */
    public PoolErrorCode errorCode() {
        return errorCode;
    }

    /** Whether trying again later, without any change, can succeed. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** What to do about it, one sentence. */
    public String advice() {
        return advice;
    }
}
