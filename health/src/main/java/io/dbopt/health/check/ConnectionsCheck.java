package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code connections}: client sessions on the server against {@code max_connections} minus the reserved slots.
 * Counts every session of the server, whoever owns it: the headroom is shared by every application instance.
 */
public final class ConnectionsCheck implements HealthCheck {

    private final double warn;
    private final double error;

    /** Warns at {@code warn} of the usable connections in use, an error at {@code error} (shares, 0 to 1). */
    public ConnectionsCheck(double warn, double error) {
        this.warn = warn;
        this.error = error;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.CONNECTIONS;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return Optional.empty();
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        List<long[]> rows = CheckSupport.query(ctx, "connections",
                rs -> new long[] {rs.getLong("sessions"), rs.getLong("max_connections"), rs.getLong("reserved")});
        long[] r = rows.get(0);
        long usable = Math.max(1, r[1] - r[2]);
        double share = (double) r[0] / usable;
        Health.Builder b = Health.builder(kind().id()).detail("sessions", r[0]).detail("max_connections", r[1])
                .detail("reserved", r[2]).detail("usage_ratio", share);
        Optional<Severity> severity = CheckSupport.grade(share, warn, error);
        severity.ifPresent(s -> b.finding(Finding.builder(kind().checkId(), s)
                .object(DbObject.setting("max_connections"))
                .message(r[0] + " of " + usable + " usable connections are in use (" + CheckSupport.percent(share)
                        + "): new pools and instances will soon be refused")
                .evidence("sessions", r[0]).evidence("max_connections", r[1]).evidence("reserved_connections", r[2])
                .evidence("usage_ratio", share)
                .fix(Fix.advice("size pools to a cluster-wide budget, end idle sessions, or put a connection "
                        + "pooler in front of the server"))
                .build()));
        return b.build();
    }
}
