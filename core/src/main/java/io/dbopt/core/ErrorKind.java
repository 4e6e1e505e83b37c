package io.dbopt.core;

import java.util.Optional;

/**
 * What a database error means for the caller, independent of the server that raised it.
 *
 * <p>{@link #retryable()} says whether re-running the whole transaction on a fresh attempt can succeed without any
 * change by the user. It is a property of the error only: whether a retry is <em>safe</em> (no outer transaction,
 * commit outcome known) is for the caller to decide. {@link #connectionBroken()} says the connection that raised the
 * error must not be used again.
 */
public enum ErrorKind {
    /** The server chose this transaction as a deadlock victim (PostgreSQL 40P01, MariaDB 1213). */
    DEADLOCK(true, false, "retry the whole transaction; take row locks in a consistent order to avoid it"),
    /** A serialization failure or a row changed under a snapshot (PostgreSQL 40001, MariaDB 1020). */
    SERIALIZATION_FAILURE(true, false, "retry the whole transaction"),
    /** A lock could not be taken in time (PostgreSQL 55P03, MariaDB 1205). */
    LOCK_TIMEOUT(true, false, "retry later, or find the blocking session"),
    /** The statement was cancelled, by a statement timeout or on request (PostgreSQL 57014, MariaDB 1969/1317). */
    STATEMENT_TIMEOUT(false, false, "make the statement cheaper or raise the statement timeout"),
    /** The session ended under the client: network failure, administrator termination, crash (08xxx, 57P01). */
    CONNECTION_LOST(true, true, "use a new connection; the outcome of an in-flight COMMIT is unknown"),
    /** The server cannot accept connections now: starting, shutting down or unreachable (57P03, 08001). */
    SERVER_UNAVAILABLE(true, true, "wait for the server and retry with backoff"),
    /** The server refused a new session because all are taken (PostgreSQL 53300, MariaDB 1040). */
    TOO_MANY_CONNECTIONS(true, true, "lower pool sizes across instances or raise max_connections"),
    /** The server closed a session left idle inside a transaction (PostgreSQL 25P03). */
    IDLE_IN_TRANSACTION_TIMEOUT(false, true, "do not hold transactions open while doing other work"),
    /** A unique or primary key constraint was violated (23505, MariaDB 1062). */
    UNIQUE_VIOLATION(false, false, null),
    /** A foreign key constraint was violated (23503, MariaDB 1451/1452). */
    FOREIGN_KEY_VIOLATION(false, false, null),
    /** A NOT NULL constraint was violated (23502, MariaDB 1048). */
    NOT_NULL_VIOLATION(false, false, null),
    /** A CHECK constraint was violated (23514, MariaDB 4025). */
    CHECK_VIOLATION(false, false, null),
    /** Another integrity constraint was violated (other 23xxx, such as an exclusion constraint). */
    INTEGRITY_VIOLATION(false, false, null),
    /** The SQL text is malformed (42601, MariaDB 1064). */
    SYNTAX_ERROR(false, false, "fix the SQL text"),
    /** A table, column, function or schema does not exist (42P01, 42703, MariaDB 1146, 1054). */
    UNDEFINED_OBJECT(false, false, "check the name and the schema search path"),
    /** An object with the same name already exists (42P07, MariaDB 1050, 1061). */
    DUPLICATE_OBJECT(false, false, null),
    /** The user lacks a privilege or could not authenticate (42501, 28xxx, MariaDB 1044, 1045, 1142). */
    PERMISSION_DENIED(false, false, "grant the privilege or connect as another user"),
    /** Anything else. */
    OTHER(false, false, null);

    private final boolean retryable;
    private final boolean connectionBroken;
    private final String advice;

    ErrorKind(boolean retryable, boolean connectionBroken, String advice) {
        this.retryable = retryable;
        this.connectionBroken = connectionBroken;
        this.advice = advice;
    }

    /** Whether re-running the whole transaction can succeed without a change by the user. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether the connection that raised the error is gone and must be discarded. */
    public boolean connectionBroken() {
        return connectionBroken;
    }

    /** Whether the error is an integrity constraint violation (unique, foreign key, not null, check, other). */
    public boolean isConstraintViolation() {
        return this == UNIQUE_VIOLATION || this == FOREIGN_KEY_VIOLATION || this == NOT_NULL_VIOLATION
                || this == CHECK_VIOLATION || this == INTEGRITY_VIOLATION;
    }

    /** A short hint on what to do next, where one applies to every occurrence. */
    public Optional<String> advice() {
        return Optional.ofNullable(advice);
    }
}
