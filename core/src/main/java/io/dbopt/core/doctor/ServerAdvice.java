package io.dbopt.core.doctor;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns server settings and session counts into findings with fixes quoted through the dialect. */
final class ServerAdvice {

    /** Sessions idle in a transaction longer than this hold locks and block vacuum / purge. */
    static final long IDLE_IN_TRANSACTION_WARN_SECONDS = 60;
    static final double HEADROOM_WARN = 0.80;
    static final double HEADROOM_ERROR = 0.95;

    private final Dialect dialect;
    private final String database;
    private final String user;

    ServerAdvice(Dialect dialect, String database, String user) {
        this.dialect = dialect;
        this.database = database;
        this.user = user;
    }

    List<Finding> timeouts(ServerSettings settings) {
        List<Finding> findings = new ArrayList<>();
        boolean postgres = dialect instanceof PostgresDialect;
        String statementTimeout = postgres ? "statement_timeout" : "max_statement_time";
        unlimited(settings, statementTimeout).ifPresent(v -> findings.add(Finding
                .builder("server.statement-timeout-unset", Severity.WARNING)
                .object(DbObject.setting(statementTimeout))
                .message("No server-side statement timeout: a runaway query holds its connection and locks until "
                        + "someone kills it")
                .evidence(statementTimeout + "_ms", 0L)
                .fix(postgres
                        ? Fix.sql("limit statements of the application role (batch jobs can raise it per session)",
                                "ALTER ROLE " + dialect.quote(user) + " SET statement_timeout = '30s'")
                        : Fix.sql("limit statements server-wide (batch jobs can raise it per session)",
                                "SET GLOBAL max_statement_time = 30"))
                .build()));

        String idleName = postgres ? "idle_in_transaction_session_timeout" : "idle_transaction_timeout";
        unlimited(settings, idleName).ifPresent(v -> findings.add(Finding
                .builder("server.idle-in-transaction-timeout-unset", Severity.WARNING)
                .object(DbObject.setting(idleName))
                .message("Sessions may sit idle inside a transaction forever, holding locks and blocking "
                        + (postgres ? "vacuum" : "purge"))
                .evidence(idleName + "_ms", 0L)
                .fix(postgres && !database.isEmpty()
                        ? Fix.sql("end abandoned transactions after five minutes",
                                "ALTER DATABASE " + dialect.quote(database)
                                        + " SET idle_in_transaction_session_timeout = '5min'")
                        : Fix.sql("end abandoned transactions after five minutes",
                                "SET GLOBAL idle_transaction_timeout = 300"))
                .build()));

        if (postgres) {
            unlimited(settings, "lock_timeout").ifPresent(v -> findings.add(Finding
                    .builder("server.lock-timeout-unset", Severity.INFO)
                    .object(DbObject.setting("lock_timeout"))
                    .message("No lock timeout: a migration waiting for a lock queues every later query behind it; "
                            + "set lock_timeout in migrations and for the application role")
                    .evidence("lock_timeout_ms", 0L)
                    .fix(Fix.sql("bound lock waits of the application role",
                            "ALTER ROLE " + dialect.quote(user) + " SET lock_timeout = '10s'"))
                    .build()));
        } else {
            settings.millis("lock_wait_timeout").filter(ms -> ms > 300_000).ifPresent(ms -> findings.add(Finding
                    .builder("server.lock-timeout-unset", Severity.INFO)
                    .object(DbObject.setting("lock_wait_timeout"))
                    .message("DDL waits up to " + ServerSettings.formatMillis(ms) + " for metadata locks while every "
                            + "later query on the table queues behind it; lower it for migrations")
                    .evidence("lock_wait_timeout_ms", ms)
                    .fix(Fix.sql("bound metadata lock waits", "SET GLOBAL lock_wait_timeout = 60"))
                    .build()));
        }
        return findings;
    }

    private static Optional<Long> unlimited(ServerSettings settings, String name) {
        return settings.millis(name).filter(ms -> ms == 0);
    }

    List<Finding> connections(ServerSettings settings, List<ConnectionStates.Row> states) {
        List<Finding> findings = new ArrayList<>();
        long used = states.stream().mapToLong(ConnectionStates.Row::sessions).sum() + 1; // + this session
        long reserved = settings.number("superuser_reserved_connections").orElse(0L);
        settings.number("max_connections").ifPresent(max -> {
            long usable = Math.max(1, max - reserved);
            double share = (double) used / usable;
            if (share >= HEADROOM_WARN) {
                findings.add(Finding.builder("server.connection-headroom",
                                share >= HEADROOM_ERROR ? Severity.ERROR : Severity.WARNING)
                        .object(DbObject.setting("max_connections"))
                        .message(String.format("%d of %d usable connections are in use (%.0f%%): new pools and "
                                + "instances will be refused", used, usable, share * 100))
                        .evidence("sessions", used).evidence("max_connections", max)
                        .evidence("reserved_connections", reserved)
                        .fix(Fix.advice("size pools to the cluster-wide budget, or put a connection pooler in front "
                                + "of the server"))
                        .build());
            }
        });
        for (ConnectionStates.Row row : states) {
            if (row.state().startsWith("idle in transaction") && row.longestSeconds() >= IDLE_IN_TRANSACTION_WARN_SECONDS) {
                findings.add(Finding.builder("server.idle-in-transaction", Severity.WARNING)
                        .object(DbObject.of(ObjectType.CONNECTION, row.application()))
                        .message(row.sessions() + " session(s) of " + row.application() + " idle inside a "
                                + "transaction, the oldest for " + row.longestSeconds() + " s: they hold locks")
                        .evidence("sessions", row.sessions()).evidence("longest_seconds", row.longestSeconds())
                        .fix(Fix.advice("commit or roll back before doing non-database work; set an idle "
                                + "transaction timeout"))
                        .build());
            }
        }
        return findings;
    }
}
