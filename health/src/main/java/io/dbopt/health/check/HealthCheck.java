package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.component.Health;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One server check: a query over the server's statistics or catalog that answers UP, DEGRADED (a threshold crossed,
 * with a {@link io.dbopt.core.finding.Finding} holding the evidence) or says why it could not run. A check is
 * created with its thresholds, holds no connection, and is called by one thread at a time (checks that compare two
 * cycles keep the previous reading).
 */
public interface HealthCheck {

    /** Which check this is. */
    CheckKind kind();

    /** Why the check does not exist on this server (a PostgreSQL-only concept, a version), empty when it does. */
    Optional<String> unsupported(Dialect dialect);

    /**
     * Runs the check on the context's connection. The result is named after {@link CheckKind#id()}.
     *
     * @throws SQLException when a statement fails; the checker turns a missing privilege into "not run: grant X" and
     *     anything else into a failed check
     */
    Health run(CheckContext context) throws SQLException;
}
