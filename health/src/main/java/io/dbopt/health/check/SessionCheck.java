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
import java.util.Objects;
import java.util.Optional;

/**
 * The three session checks: statements running long ({@code long-queries}), sessions idle inside a transaction
 * ({@code idle-in-transaction}) and sessions waiting for a lock ({@code blocked-sessions}). Each lists the sessions
 * of the monitored database past its warning threshold and writes one finding for the worst, with the statement to
 * end it (for a lock wait: the blocking session). Never the statement text.
 */
public final class SessionCheck implements HealthCheck {

    private final CheckKind kind;
    private final Duration warn;
    /** The ERROR threshold in seconds; infinite for a check with a warning level only. */
    private final double errorSeconds;

    private SessionCheck(CheckKind kind, Duration warn, double errorSeconds) {
        this.kind = kind;
        this.warn = Objects.requireNonNull(warn, "warn");
        this.errorSeconds = errorSeconds;
    }

    /** Statements running longer than {@code warn} (WARNING) or {@code error} (ERROR). */
    public static SessionCheck longQueries(Duration warn, Duration error) {
        return new SessionCheck(CheckKind.LONG_QUERIES, warn, seconds(error));
    }

    /** Sessions idle in a transaction longer than {@code warn} (WARNING; there is no error level). */
    public static SessionCheck idleInTransaction(Duration warn) {
        return new SessionCheck(CheckKind.IDLE_IN_TRANSACTION, warn, Double.POSITIVE_INFINITY);
    }

    /** Sessions waiting for a lock longer than {@code warn} (WARNING) or {@code error} (ERROR). */
    public static SessionCheck blockedSessions(Duration warn, Duration error) {
        return new SessionCheck(CheckKind.BLOCKED_SESSIONS, warn, seconds(error));
    }

    @Override
    public CheckKind kind() {
        return kind;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return Optional.empty();
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        Health.Builder b = CheckSupport.builder(kind, ctx, true);
        List<SessionRow> rows;
        if (kind == CheckKind.BLOCKED_SESSIONS) {
            String name = ctx.dialect() instanceof PostgresDialect && !ctx.dialect().version().isAtLeast(14, 0)
                    ? "blocked-sessions-13" : "blocked-sessions";
            rows = CheckSupport.query(ctx, name, SessionRow::map).stream()
                    .filter(r -> r.seconds() >= seconds(warn)).toList();
        } else {
            rows = CheckSupport.query(ctx, kind.id(), SessionRow::map, seconds(warn));
        }
        b.detail("sessions", rows.size()).detail("threshold", warn);
        if (rows.isEmpty()) {
            return b.build();
        }
        SessionRow worst = rows.get(0);
        for (SessionRow r : rows) {
            if (r.seconds() > worst.seconds()) {
                worst = r;
            }
        }
        b.detail("longest_seconds", worst.seconds());
        Severity severity = CheckSupport.grade(worst.seconds(), seconds(warn), errorSeconds)
                .orElse(Severity.WARNING);
        return b.finding(finding(ctx.dialect(), rows.size(), worst, severity)).build();
    }

    private Finding finding(Dialect dialect, int count, SessionRow worst, Severity severity) {
        String longest = CheckSupport.seconds(worst.seconds());
        Finding.Builder f = Finding.builder(kind.checkId(), severity)
                .object(DbObject.of(ObjectType.CONNECTION, "pid " + worst.pid()))
                .evidence("sessions", count).evidence("longest_seconds", worst.seconds())
                .evidence("threshold_seconds", seconds(warn)).evidence("pid", worst.pid());
        switch (kind) {
            case LONG_QUERIES -> f.message(count + " statement(s) running longer than " + CheckSupport.seconds(
                            seconds(warn)) + ", the longest for " + longest + " (" + worst.describe() + ")")
                    .fix(Fix.sql("cancel the longest statement (and find out why it is slow)",
                            cancel(dialect, worst.pid())));
            case IDLE_IN_TRANSACTION -> f.message(count + " session(s) idle inside an open transaction, the "
                            + "longest for " + longest + " (" + worst.describe() + "): they hold locks and keep "
                            + (dialect instanceof PostgresDialect ? "vacuum" : "purge") + " from cleaning up")
                    .fix(Fix.sql("end the abandoned session; commit or roll back before doing non-database work",
                            terminate(dialect, worst.pid())));
            default -> {
                f.message(count + " session(s) waiting for a lock, the longest for " + longest + " (" + worst.describe()
                        + (worst.blockerPid() > 0 ? ", blocked by pid " + worst.blockerPid() : "") + ")");
                if (worst.blockerPid() > 0) {
                    f.evidence("blocker_pid", worst.blockerPid())
                            .fix(Fix.sql("end the blocking session", terminate(dialect, worst.blockerPid())));
                } else {
                    f.fix(Fix.advice("find the session holding the lock (a metadata lock: an open transaction on the "
                            + "table) and end it"));
                }
            }
        }
        return f.build();
    }

    private static String cancel(Dialect dialect, long pid) {
        return dialect instanceof PostgresDialect ? "SELECT pg_cancel_backend(" + pid + ")" : "KILL QUERY " + pid;
    }

    private static String terminate(Dialect dialect, long pid) {
        return dialect instanceof PostgresDialect ? "SELECT pg_terminate_backend(" + pid + ")" : "KILL " + pid;
    }

    private static double seconds(Duration d) {
        return Objects.requireNonNull(d, "threshold").toMillis() / 1000.0;
    }
}
