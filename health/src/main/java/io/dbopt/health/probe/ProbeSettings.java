package io.dbopt.health.probe;

import io.dbopt.core.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How the checker's own connection is opened and limited. Immutable.
 *
 * @param connectTimeout connect and login timeout
 * @param statementTimeout server-side limit of each statement (and of each lock wait)
 * @param networkTimeout how long the driver waits for any reply before it gives the connection up
 * @param applicationName what the connection calls itself on the server
 */
public record ProbeSettings(Duration connectTimeout, Duration statementTimeout, Duration networkTimeout,
                            String applicationName) {

    /** Validates. */
    public ProbeSettings {
        Checks.positive("connectTimeout", connectTimeout);
        Checks.positive("statementTimeout", statementTimeout);
        Checks.positive("networkTimeout", networkTimeout);
        Objects.requireNonNull(applicationName, "applicationName");
    }
}
