package io.dbopt.transaction;

import io.dbopt.core.DbOptException;
import io.dbopt.core.ErrorKind;
import java.util.Optional;

/**
 * A transaction run by {@link TransactionManager} did not commit, or a transaction-related operation failed.
 *
 * <p>The {@link #errorCode()} says why ({@link TransactionErrorCode}); when a database error caused it,
 * {@link #errorKind()} and {@link #sqlState()} classify that error and {@link #getCause()} is the original
 * {@link java.sql.SQLException}. Messages name the transaction and what to do next; they never contain bind values.
 * Unless the code is {@link TransactionErrorCode#COMMIT_OUTCOME_UNKNOWN}, nothing of the failed transaction was
 * committed.
 */
public class TransactionException extends DbOptException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    /** Creates an exception with a code and a message. */
    public TransactionException(TransactionErrorCode errorCode, String message) {
        super(errorCode, message);
        this.kind = null;
    }

    /** Creates an exception with a code, a message and the cause. */
    public TransactionException(TransactionErrorCode errorCode, String message, Throwable cause) {
        super(errorCode, message, cause);
        this.kind = null;
    }

    /**
     * Creates an exception whose kind was decided by dbopt rather than read from the cause, where the driver's error
     * does not say what happened (MariaDB reports a session ended by {@code idle_transaction_timeout} as a lost
     * connection; dbopt reports {@link ErrorKind#IDLE_IN_TRANSACTION_TIMEOUT} as PostgreSQL does).
     */
    public TransactionException(TransactionErrorCode errorCode, String message, Throwable cause, ErrorKind kind) {
        super(errorCode, message, cause);
        this.kind = kind;
    }

    /** The kind of database error behind this exception, made consistent across servers where dbopt can tell. */
    @Override
    public Optional<ErrorKind> errorKind() {
        return kind != null ? Optional.of(kind) : super.errorKind();
    }
}
