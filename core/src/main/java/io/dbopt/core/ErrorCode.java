package io.dbopt.core;

/**
 * A stable, machine-readable reason carried by every {@link DbOptException}.
 *
 * <p>Each module declares its own codes as an enum implementing this interface ({@link CoreErrorCode} for core),
 * so a caller can switch on the code without parsing messages. {@link #code()} is stable across releases and is
 * what reports and logs print, e.g. {@code CORE_INVALID_IDENTIFIER}.
 */
public interface ErrorCode {

    /** The stable identifier of this code, upper case with underscores, prefixed by the module. */
    String code();
}
