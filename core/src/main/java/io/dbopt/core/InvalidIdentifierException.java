package io.dbopt.core;

/** Thrown when a name cannot be used as an identifier on the target database; the message says why and how. */
public final class InvalidIdentifierException extends DbOptException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} must name the identifier (escaped for display) and the limit. */
    public InvalidIdentifierException(String message) {
        super(CoreErrorCode.INVALID_IDENTIFIER, message);
    }
}
