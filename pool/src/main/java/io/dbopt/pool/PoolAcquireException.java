package io.dbopt.pool;

import java.sql.SQLTransientConnectionException;
import java.util.Objects;

/**
 * Thrown by the pool's {@link javax.sql.DataSource#getConnection()} when no connection can be handed out, saying
 * which case it is ({@link #failure()}) and what the pool looked like at that moment ({@link #snapshot()}).
 *
 * <p>It is a {@link SQLTransientConnectionException} so JDBC code keeps working; its SQLState and vendor code are
 * those of the database error behind it (for example {@code 53300} when the server is out of connections), so
 * {@link io.dbopt.core.SqlErrors#classify(Throwable)} sees the database's reason; when the pool alone is the reason
 * (exhausted, tenant limit) there is no SQLState. The message never contains credentials or bind values.
 */
public final class PoolAcquireException extends SQLTransientConnectionException {

    private static final long serialVersionUID = 1L;

    private final AcquireFailure failure;
    private final transient PoolSnapshot snapshot;

    /**
     * Creates the exception; the pool builds it when an acquisition fails.
     *
     * @param failure which case it is
     * @param message what happened and what to do, without credentials or bind values
     * @param snapshot the pool's numbers at the time
     * @param sqlState the database's SQLState when the database was the reason, else null
     * @param vendorCode the database's error code, 0 when none
     * @param cause the database error or HikariCP's timeout, if any
     */
    public PoolAcquireException(AcquireFailure failure, String message, PoolSnapshot snapshot, String sqlState,
                                int vendorCode, Throwable cause) {
        super(message, sqlState, vendorCode, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    }

    /** Which case it is. */
    public AcquireFailure failure() {
        return failure;
    }

    /** The pool's counters when the acquisition failed. */
    public PoolSnapshot snapshot() {
        return snapshot;
    }
}
