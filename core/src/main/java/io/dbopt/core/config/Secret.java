package io.dbopt.core.config;

import io.dbopt.core.Redaction;
import java.util.Objects;

/**
 * A secret value (a password, a token) that never shows itself: {@link #toString()} is {@value Redaction#MASK}, and
 * only {@link #reveal()} gives the text, for the one call that needs it (the driver's connect). Immutable.
 */
public final class Secret {

    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a secret; {@code null} becomes the empty secret. */
    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    /** The empty secret (no password). */
    public static Secret empty() {
        return EMPTY;
    }

    /** The secret's text. Hand it to the driver only; never log, format or store it. */
    public String reveal() {
        return value;
    }

    /** Whether the secret is empty. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    /** Always the mask, never the secret. */
    @Override
    public String toString() {
        return value.isEmpty() ? "" : Redaction.MASK;
    }
}
