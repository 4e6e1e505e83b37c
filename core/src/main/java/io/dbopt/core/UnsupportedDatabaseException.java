package io.dbopt.core;

/**
 * Thrown when the connected server, its version, or a feature requested from it is not supported, for example a
 * MariaDB-only analysis run against MySQL 8 or PostgreSQL 11.
 */
public final class UnsupportedDatabaseException extends DbOptException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the server and what to do instead. */
    public UnsupportedDatabaseException(String message) {
        super(CoreErrorCode.UNSUPPORTED_DATABASE, message);
    }

    /** Creates the exception with the failure that revealed the missing support. */
    public UnsupportedDatabaseException(String message, Throwable cause) {
        super(CoreErrorCode.UNSUPPORTED_DATABASE, message, cause);
    }
}
