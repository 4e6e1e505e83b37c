package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import java.sql.SQLException;
import java.util.List;

/**
 * One catalog check: a query over the server's catalog and statistics that turns rows into findings. Checks are
 * stateless and thread-safe; {@link #run} uses the context's connection and leaves it open.
 */
public interface IndexCheck {

    /** The stable check id, e.g. {@code index.unused}. */
    String id();

    /** What the check looks for, one line. */
    String description();

    /** Whether the check exists for this server (some exist on PostgreSQL only). */
    boolean appliesTo(Dialect dialect);

    /**
     * Runs the check.
     *
     * @throws SQLException when the catalog query fails; callers wrap it once at the module boundary
     */
    List<Finding> run(CheckContext context) throws SQLException;
}
