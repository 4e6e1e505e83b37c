package io.dbopt.core;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * The argument checks of every dbopt builder, written once: each names the setting and the bad value and says what is
 * allowed, as in {@code "poolTimeout must be greater than zero, was PT0S"}. They throw
 * {@link IllegalArgumentException} (or {@link NullPointerException} for a missing value), at the call that passed the
 * value, never later at {@code build()}. Stateless.
 */
public final class Checks {

    private Checks() {
    }

    /** {@code value} when it is greater than zero. */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be greater than zero, was " + value);
        }
        return value;
    }

    /** {@code value} when it is zero or more. */
    public static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more, was " + value);
        }
        return value;
    }

    /** {@code value} when it is greater than zero. */
    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be greater than zero, was " + value);
        }
        return value;
    }

    /** {@code value} when it is greater than zero. */
    public static int positive(String name, int value) {
        return (int) positive(name, (long) value);
    }

    /** {@code value} when it is zero or more. */
    public static long notNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be zero or more, was " + value);
        }
        return value;
    }

    /** {@code value} when it is zero or more. */
    public static int notNegative(String name, int value) {
        return (int) notNegative(name, (long) value);
    }

    /** {@code value} when it lies from {@code min} to {@code max}, inclusive. */
    public static long inRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    /** {@code value} when it lies from {@code min} to {@code max}, inclusive. */
    public static int inRange(String name, int value, int min, int max) {
        return (int) inRange(name, (long) value, min, (long) max);
    }

    /** {@code value} when it is a finite number from {@code min} to {@code max}, inclusive. */
    public static double inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    /** {@code value} when it is not null and not blank. */
    public static String notBlank(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** {@code value} when it is not null and not empty. */
    public static <C extends Collection<?>> C notEmpty(String name, C value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
