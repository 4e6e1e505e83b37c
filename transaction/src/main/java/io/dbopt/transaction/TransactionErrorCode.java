package io.dbopt.transaction;

import io.dbopt.core.ErrorCode;

/** Error codes raised by dbopt-transaction; {@link #code()} is stable across releases. */
public enum TransactionErrorCode implements ErrorCode {
    /** A statement or the commit failed with an error that is not retried; the transaction was rolled back. */
    TRANSACTION_FAILED,
    /** Every attempt allowed by the retry policy failed with a retryable error; nothing was committed. */
    RETRIES_EXHAUSTED,
    /** The connection broke while COMMIT was in flight: the transaction may or may not have been committed. */
    COMMIT_OUTCOME_UNKNOWN,
    /** A retry was requested for work nested inside an outer transaction, where only the outer one may retry. */
    RETRY_INSIDE_OUTER_TRANSACTION,
    /** Nested work asked for options (isolation, read-only, tenant, time limits) other than its outer one's. */
    NESTED_OPTIONS_CONFLICT,
    /** The connection handed out by the data source already has an open transaction owned by someone else. */
    OUTER_TRANSACTION_ON_CONNECTION,
    /** A statement failed and its error was caught inside the work, so the transaction was rolled back. */
    ROLLED_BACK_AFTER_ERROR,
    /** The work called {@link Transaction#setRollbackOnly()}; it was rolled back as asked. */
    ROLLED_BACK_ON_REQUEST,
    /** A tenant is required by the manager's configuration but none was given. */
    TENANT_REQUIRED,
    /** A tenant id cannot be used (blank, too long, control characters). */
    INVALID_TENANT,
    /** No connection could be obtained from the data source. */
    CONNECTION_FAILED,
    /** The calling thread was interrupted while waiting to retry. */
    INTERRUPTED,
    /** Reading lock waits, deadlocks or open transactions from the server failed. */
    CAPTURE_FAILED,
    /** A configuration value is invalid (builder arguments, table names). */
    INVALID_CONFIGURATION;

    @Override
    public String code() {
        return "TRANSACTION_" + (name().startsWith("TRANSACTION_") ? name().substring("TRANSACTION_".length())
                : name());
    }
}
