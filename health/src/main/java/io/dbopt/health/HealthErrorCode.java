package io.dbopt.health;

import io.dbopt.core.ErrorCode;

/** Error codes raised by dbopt-health. */
public enum HealthErrorCode implements ErrorCode {
    /** The monitor was given no way to reach the database for its own connection. */
    NO_DATABASE,
    /** A setting or builder argument cannot be used (webhook URL, coordination without its store). */
    INVALID_SETUP,
    /** The monitor was used after {@code close()}. */
    CLOSED;

    @Override
    public String code() {
        return "HEALTH_" + name();
    }
}
