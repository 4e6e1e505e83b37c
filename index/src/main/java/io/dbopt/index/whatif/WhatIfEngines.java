package io.dbopt.index.whatif;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.IndexOptions;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the what-if engine that suits the server. */
public final class WhatIfEngines {

    private static final Logger LOG = LoggerFactory.getLogger(WhatIfEngines.class);

    private WhatIfEngines() {
    }

    /**
     * An engine on the connection, which the caller keeps owning and closes after the engine. On PostgreSQL HypoPG is
     * used when installed in the database (and installed first when {@link IndexOptions#installHypoPg()} allows and
     * the server offers it); otherwise the transactional trial.
     *
     * @throws SQLException when the server cannot be inspected
     */
    public static WhatIfEngine open(Connection connection, Dialect dialect, IndexOptions options,
                                    ColumnStatistics statistics) throws SQLException {
        if (!(dialect instanceof PostgresDialect)) {
            return new MariaDbWhatIf(connection, dialect, options, statistics);
        }
        HypoPgStatus status = hypoPgStatus(connection, dialect);
        boolean installed = status.installed();
        if (!installed && options.installHypoPg() && status.available()) {
            try {
                Jdbc.execute(connection, "CREATE EXTENSION IF NOT EXISTS hypopg");
                installed = true;
                status = hypoPgStatus(connection, dialect);
                LOG.info("index - installed the HypoPG extension for what-if costing");
            } catch (SQLException e) {
                LOG.warn("index - cannot install HypoPG ({}); falling back to the transactional trial",
                        io.dbopt.core.SqlErrors.classify(e));
            }
        }
        return new PostgresWhatIf(connection, dialect, options, statistics, installed, installed && status.canHide());
    }

    /**
     * HypoPG in the connection's database (PostgreSQL).
     *
     * @param installed whether the extension is installed in the database
     * @param available whether the server offers it for installation
     * @param canHide whether the installed version can hide indexes (1.4+)
     */
    public record HypoPgStatus(boolean installed, boolean available, boolean canHide) {
    }

    /** Reads HypoPG's status on a PostgreSQL connection. */
    public static HypoPgStatus hypoPgStatus(Connection connection, Dialect dialect) throws SQLException {
        if (!(dialect instanceof PostgresDialect)) {
            return new HypoPgStatus(false, false, false);
        }
        return Jdbc.queryFirst(connection, SqlResource.load("index", dialect, "hypopg-status"),
                rs -> new HypoPgStatus(rs.getBoolean("installed"), rs.getBoolean("available"),
                        rs.getBoolean("can_hide"))).orElse(new HypoPgStatus(false, false, false));
    }
}
