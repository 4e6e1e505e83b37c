package io.dbopt.health.probe;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Why the database did not answer the probe, in the words a health result gives: refused (nothing listens, or it
 * is shutting down), not answering (the connection or the statement hung until a timeout), refused the login, or
 * failed otherwise. Immutable.
 *
 * @param reason the kind of failure
 * @param message what happened, redacted, one line
 */
public record ProbeFailure(Reason reason, String message) {

    /** The kind of failure. */
    public enum Reason {
        /** The server refused the connection or is shutting down / starting up. */
        REFUSED,
        /** Nothing answered within the timeout: a hung server or network. */
        NOT_ANSWERING,
        /** The server answered but refused the login or the privileges. */
        LOGIN_FAILED,
        /** Any other failure. */
        FAILED
    }

    /** Validates. */
    public ProbeFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** Classifies an exception thrown while connecting or probing. */
    public static ProbeFailure of(Throwable e) {
        Reason reason = classify(e);
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + Redaction.redactDriverText(e.getMessage()));
        return new ProbeFailure(reason, text.replace('\r', ' '));
    }

    private static Reason classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof java.sql.SQLTimeoutException) {
                return Reason.NOT_ANSWERING;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return Reason.REFUSED;
            }
        }
        if (e instanceof SQLException) {
            ErrorKind kind = SqlErrors.classify(e);
            return switch (kind) {
                case SERVER_UNAVAILABLE, TOO_MANY_CONNECTIONS -> Reason.REFUSED;
                case STATEMENT_TIMEOUT -> Reason.NOT_ANSWERING;
                case PERMISSION_DENIED -> Reason.LOGIN_FAILED;
                case CONNECTION_LOST -> Reason.REFUSED;
                default -> Reason.FAILED;
            };
        }
        return Reason.FAILED;
    }
}
