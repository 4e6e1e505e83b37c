package io.dbopt.migration.execution;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the INVALID index a failed {@code CREATE INDEX CONCURRENTLY} leaves behind, before the migration that
 * builds it runs again. Without this, {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} skips the broken index and the
 * migration "succeeds" with an index the planner never uses; without {@code IF NOT EXISTS} the retry fails with
 * "already exists". PostgreSQL only; runs under Flyway's lock, so it never removes an index another migrator is
 * still building.
 */
final class InvalidIndexRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidIndexRecovery.class);

    private InvalidIndexRecovery() {
    }

    /** Drops the invalid indexes among {@code names}; returns the names it dropped. */
    static List<String> dropInvalid(Connection c, Dialect dialect, String set, List<String> names) throws SQLException {
        if (names.isEmpty()) {
            return List.of();
        }
        Array array = c.createArrayOf("text", names.toArray());
        List<String> invalid;
        try {
            invalid = Jdbc.query(c, SqlResource.load("migration", dialect, "invalid-indexes"), rs -> rs.getString(1),
                    array);
        } finally {
            array.free();
        }
        List<String> dropped = new ArrayList<>();
        boolean concurrently = c.getAutoCommit();
        for (String name : invalid) {
            LOG.warn("{} - index {} is INVALID from an earlier failed build; dropping it before the retry", set, name);
            Jdbc.execute(c, "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF EXISTS " + dialect.quote(name));
            dropped.add(name);
        }
        return dropped;
    }
}
