package io.dbopt.pool;

import io.dbopt.core.DbOptException;
import java.util.Optional;

/**
 * The unchecked exception of dbopt-pool, raised at the module boundary: by the builder for bad settings and by the
 * scope helpers ({@link ConnectionPoolManager#withConnection}, {@link ConnectionPoolManager#inTransaction}) when
 * a connection cannot be had or a statement fails. It carries a {@link PoolErrorCode}, the classified database
 * error when one caused it, and the pool's counters when the pool was involved.
 */
public class PoolException extends DbOptException {

    private static final long serialVersionUID = 1L;

    private final transient PoolSnapshot snapshot;

    /** Creates an exception without a pool snapshot. */
    public PoolException(PoolErrorCode code, String message) {
        this(code, message, null, null);
    }

    /** Creates an exception with a cause and, when the pool was involved, its counters. */
    public PoolException(PoolErrorCode code, String message, Throwable cause, PoolSnapshot snapshot) {
        super(code, message, cause);
        this.snapshot = snapshot;
    }

    /** Wraps a failed acquisition, keeping its case and counters. */
    public static PoolException of(PoolAcquireException e) {
        return new PoolException(e.failure().errorCode(), e.getMessage(), e, e.snapshot());
    }

    /** The pool's counters at the time of the failure, when the pool was involved. */
    public Optional<PoolSnapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }
}
