package io.dbopt.transaction.engine;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.transaction.CommitOutcomeUnknownException;
import io.dbopt.transaction.TransactionErrorCode;
import io.dbopt.transaction.TransactionException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Why one attempt did not commit, and what that allows: a retry only when nothing can have been committed.
 *
 * @param kind the classified (and, for idle timeouts, normalised) kind
 * @param error the error behind it
 * @param code the code of the exception to throw if it is not retried
 * @param retrySafe whether running the transaction again cannot apply it twice
 * @param outcomeUnknown whether COMMIT was cut off
 * @param connectionBroken whether the connection must be discarded
 * @param sessionId the server session the attempt ran on, when known
 */
record Failure(ErrorKind kind, Throwable error, TransactionErrorCode code, boolean retrySafe, boolean outcomeUnknown,
               boolean connectionBroken, Optional<String> sessionId) {

    static Failure of(Throwable error, TransactionErrorCode code, Optional<String> sessionId) {
        ErrorKind kind = SqlErrors.classify(error);
        return new Failure(kind, error, code, !containsUnknownOutcome(error), false, kind.connectionBroken(),
                sessionId);
    }

    Failure withKind(ErrorKind newKind) {
        return new Failure(newKind, error, code, retrySafe, outcomeUnknown, connectionBroken || newKind
                .connectionBroken(), sessionId);
    }

    /** A cut-off COMMIT the server says rolled back: an ordinary lost connection, safe to retry. */
    Failure rolledBackAfterAll() {
        return new Failure(kind, error, TransactionErrorCode.TRANSACTION_FAILED, !containsUnknownOutcome(error), false,
                true, sessionId);
    }

    Failure unknownOutcome() {
        return new Failure(kind, error, TransactionErrorCode.COMMIT_OUTCOME_UNKNOWN, false, true, true, sessionId);
    }

    /** An independent transaction nested in the work may have committed: running the work again could repeat it. */
    private static boolean containsUnknownOutcome(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CommitOutcomeUnknownException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The exception the caller sees when this failure ends the transaction. */
    RuntimeException toException(String name, boolean postgres) {
        if (code == TransactionErrorCode.ROLLED_BACK_AFTER_ERROR) {
            return new TransactionException(code, "Transaction '" + name + "' was rolled back, not committed: a "
                    + "statement failed with " + kind + describeState() + " and the work caught the error"
                    + (postgres ? "; PostgreSQL aborts the whole transaction after an error" : "")
                    + ". Wrap statements whose errors you handle in tx.savepoint(...)", error, kind);
        }
        if (code == TransactionErrorCode.CONNECTION_FAILED) {
            return new TransactionException(code, "Cannot get a connection for transaction '" + name + "' (" + kind
                    + describeState() + "): check that the database is reachable and the pool is not exhausted",
                    error, kind);
        }
        boolean normalised = kind != SqlErrors.classify(error);
        if (error instanceof RuntimeException runtime && !normalised) {
            return runtime; // the work's own exception, or a dbopt exception from nested work, unchanged
        }
        if (error instanceof Error fatal && !normalised) {
            throw fatal;
        }
        if (error instanceof SQLException || kind != ErrorKind.OTHER) {
            return new TransactionException(code, "Transaction '" + name + "' failed with " + kind + describeState()
                    + kind.advice().map(a -> ": " + a).orElse(""), error, kind);
        }
        return new TransactionException(code, "Transaction '" + name + "' failed with "
                + error.getClass().getSimpleName() + " and was rolled back", error);
    }

    private String describeState() {
        return SqlErrors.sqlState(error).map(s -> " (SQLState " + s + ")").orElse("");
    }
}
