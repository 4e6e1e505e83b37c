package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code replication-lag}: how far replication is behind. PostgreSQL: on a standby, replay against the last
 * transaction received; on a primary, the replay lag each standby reports. MariaDB: {@code Seconds_Behind_Master}
 * of every replication connection of this replica, and whether its IO and SQL threads run. A server that neither
 * replicates nor has replicas is UP with {@code replicating = false}.
 */
public final class ReplicationLagCheck implements HealthCheck {

    private final double warnSeconds;
    private final double errorSeconds;

    /** Warns at a lag of {@code warn}, an error at {@code error}. */
    public ReplicationLagCheck(Duration warn, Duration error) {
        this.warnSeconds = warn.toMillis() / 1000.0;
        this.errorSeconds = error.toMillis() / 1000.0;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.REPLICATION_LAG;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return Optional.empty();
    }

    /** One replication link: who, how far behind, whether it streams (MariaDB: both threads run). */
    private record Link(String peer, double lagSeconds, boolean running) {
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        List<Link> links = ctx.dialect() instanceof PostgresDialect
                ? CheckSupport.query(ctx, "replication-lag", rs -> new Link(rs.getString("role") + " "
                        + rs.getString("peer"), rs.getDouble("lag_seconds"), rs.getBoolean("streaming")))
                : CheckSupport.query(ctx, "replication-lag", rs -> {
                    long behind = rs.getLong("Seconds_Behind_Master");
                    boolean unknown = rs.wasNull();
                    boolean running = "yes".equals(lower(rs.getString("Slave_IO_Running")))
                            && "yes".equals(lower(rs.getString("Slave_SQL_Running")));
                    String name = rs.getString("Connection_name");
                    return new Link(name == null || name.isEmpty() ? "default" : name, unknown ? 0 : behind, running);
                });
        Health.Builder b = Health.builder(kind().id()).detail("replicating", !links.isEmpty());
        if (links.isEmpty()) {
            return b.build();
        }
        Link worst = links.get(0);
        for (Link l : links) {
            if (l.lagSeconds() > worst.lagSeconds()) {
                worst = l;
            }
        }
        b.detail("links", links.size()).detail("lag_seconds", worst.lagSeconds());
        for (Link l : links) {
            if (!l.running()) {
                b.finding(Finding.builder(kind().checkId(), Severity.ERROR)
                        .object(DbObject.of(ObjectType.OTHER, "replication " + l.peer()))
                        .message("Replication " + l.peer() + " is not running: the copy falls further behind every "
                                + "second")
                        .evidence("lag_seconds", l.lagSeconds())
                        .fix(Fix.advice(ctx.dialect() instanceof PostgresDialect
                                ? "check the standby's log and its connection to the primary"
                                : "read Last_IO_Error / Last_SQL_Error in SHOW ALL SLAVES STATUS, fix, START SLAVE"))
                        .build());
            }
        }
        Link w = worst;
        CheckSupport.grade(w.lagSeconds(), warnSeconds, errorSeconds).ifPresent(s -> b.finding(
                Finding.builder(kind().checkId(), s)
                        .object(DbObject.of(ObjectType.OTHER, "replication " + w.peer()))
                        .message("Replication " + w.peer() + " is " + CheckSupport.seconds(w.lagSeconds())
                                + " behind: reads from the replica see old data, a failover would lose it")
                        .evidence("lag_seconds", w.lagSeconds()).evidence("threshold_seconds", warnSeconds)
                        .fix(Fix.advice("look for long transactions or heavy writes on the primary, and for I/O "
                                + "or network limits on the replica"))
                        .build()));
        return b.build();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
