package io.dbopt.transaction;

/**
 * The connection was lost while COMMIT was in flight, so the client cannot know whether the server committed.
 *
 * <p>dbopt never retries such a transaction blindly: running it again could apply it twice. The caller decides,
 * typically by checking for the transaction's effect with an idempotency key (a unique transfer id) before doing it
 * again. The cause is the driver's error.
 */
public final class CommitOutcomeUnknownException extends TransactionException {

    private static final long serialVersionUID = 1L;

    private final String transactionName;

    public CommitOutcomeUnknownException(String transactionName, Throwable cause) {
        super(TransactionErrorCode.COMMIT_OUTCOME_UNKNOWN, "Connection lost during COMMIT of transaction '"
                + transactionName + "': it may or may not have been committed, so it was not retried; check for its "
                + "effect (e.g. by an idempotency key) before running it again", cause);
        this.transactionName = transactionName;
    }

    /** The name of the transaction whose outcome is unknown. */
    public String transactionName() {
        return transactionName;
    }
}
