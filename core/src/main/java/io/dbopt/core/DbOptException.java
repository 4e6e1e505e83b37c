package io.dbopt.core;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked root exception of dbopt.
 *
 * <p>It carries an {@link ErrorCode}, and, when a database error caused it, the SQLState and the {@link ErrorKind}
 * found by {@link SqlErrors#classify(Throwable)}. The cause is always kept. Messages name the object involved and
 * what to do next; they never contain passwords, unredacted JDBC URLs or bind values (they pass through
 * {@link Redaction#redactText(String)} as a last line of defence).
 */
public class DbOptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;
    private final String sqlState;
    private final ErrorKind errorKind;

    /** Creates an exception with a code and a message. */
    public DbOptException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    /**
     * Creates an exception with a code, a message and a cause. When the cause (or anything in its chain) is a
     * {@link SQLException}, its SQLState and error kind are recorded.
     */
    public DbOptException(ErrorCode errorCode, String message, Throwable cause) {
        super(Redaction.redactText(Objects.requireNonNull(message, "message")), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.sqlState = cause == null ? null : SqlErrors.sqlState(cause).orElse(null);
        this.errorKind = cause == null ? null : classifyIfSql(cause);
    }

    private static ErrorKind classifyIfSql(Throwable cause) {
        ErrorKind kind = SqlErrors.classify(cause);
        return kind == ErrorKind.OTHER && SqlErrors.sqlState(cause).isEmpty() ? null : kind;
    }

    /** Wraps a failed JDBC call made by dbopt, naming what was being done ({@code "reading pg_stat_activity"}). */
    public static DbOptException sqlFailed(String whatWasBeingDone, SQLException cause) {
        ErrorKind kind = SqlErrors.classify(cause);
        String state = SqlErrors.sqlState(cause).orElse("none");
        return new DbOptException(CoreErrorCode.SQL_FAILED,
                "Failed while " + whatWasBeingDone + " (" + kind + ", SQLState " + state + ")"
                        + kind.advice().map(a -> ": " + a).orElse(""), cause);
    }

    /** The reason, stable across releases. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The SQLState of the database error that caused this exception, if any. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /** The classified kind of the database error that caused this exception, if a database error did. */
    public Optional<ErrorKind> errorKind() {
        return Optional.ofNullable(errorKind);
    }

    @Override
    public String toString() {
        return getClass().getName() + ": [" + errorCode.code() + "] " + getMessage();
    }
}
