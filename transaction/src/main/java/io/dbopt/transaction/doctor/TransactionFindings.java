package io.dbopt.transaction.doctor;

import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.transaction.BlockingTree;
import io.dbopt.transaction.DeadlockRecord;
import io.dbopt.transaction.ServerTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the server's sessions and deadlocks into findings, with fixes written for the dialect. */
final class TransactionFindings {

    /** Transactions open longer than this are reported. */
    static final Duration LONG_RUNNING = Duration.ofSeconds(60);
    /** ... and as errors beyond this. */
    static final Duration VERY_LONG_RUNNING = Duration.ofMinutes(10);
    /** Core's server.idle-in-transaction reports sessions idle in a transaction at least this long. */
    static final Duration CORE_IDLE_THRESHOLD = Duration.ofSeconds(60);
    static final int MANY_BLOCKED = 5;

    private final Dialect dialect;

    TransactionFindings(Dialect dialect) {
        this.dialect = dialect;
    }

    List<Finding> blockingChains(BlockingTree tree) {
        List<Finding> findings = new ArrayList<>();
        for (BlockingTree.Node root : tree.roots()) {
            int blocked = root.blockedCount();
            String state = root.session().map(s -> s.state() + " in a transaction open for "
                    + s.transactionAge().toSeconds() + " s").orElse("in another database");
            String query = root.session().map(ServerTransaction::query).filter(q -> !q.isEmpty())
                    .map(q -> "; last statement: " + q).orElse("");
            Finding.Builder b = Finding.builder("transaction.blocking-chain",
                            blocked >= MANY_BLOCKED ? Severity.ERROR : Severity.WARNING)
                    .object(DbObject.of(ObjectType.CONNECTION, "session " + root.sessionId()))
                    .message("Session " + root.sessionId() + " (" + state + ") blocks " + blocked + " session(s), "
                            + "chain depth " + root.depth() + query)
                    .evidence("session", root.sessionId())
                    .evidence("blocked_sessions", blocked)
                    .evidence("chain_depth", root.depth());
            root.session().ifPresent(s -> b.evidence("state", s.state())
                    .evidence("transaction_age_ms", s.transactionAge().toMillis()));
            b.fix(terminate(root.sessionId(), root.session().map(ServerTransaction::isIdleInTransaction)
                    .orElse(false)));
            findings.add(b.build());
        }
        for (List<String> cycle : tree.cycles()) {
            findings.add(Finding.builder("transaction.blocking-chain", Severity.ERROR)
                    .object(DbObject.of(ObjectType.CONNECTION, "session " + cycle.get(0)))
                    .message("Sessions " + String.join(", ", cycle) + " wait for each other (a deadlock the server "
                            + "has not resolved yet)")
                    .evidence("sessions", String.join(",", cycle))
                    .fix(Fix.advice("the server will roll one back; take locks in a consistent order"))
                    .build());
        }
        return findings;
    }

    private Fix terminate(String sessionId, boolean idle) {
        long id;
        try {
            id = Long.parseLong(sessionId);
        } catch (NumberFormatException e) {
            return Fix.advice("find and end the blocking session");
        }
        String why = idle ? "end the abandoned transaction (it rolls back); then find the code that leaves "
                + "transactions open" : "end the blocking session if its work can be lost (it rolls back)";
        return dialect instanceof MariaDbDialect ? Fix.sql(why, "KILL " + id)
                : Fix.sql(why, "SELECT pg_terminate_backend(" + id + ")");
    }

    List<Finding> longRunning(List<ServerTransaction> sessions) {
        List<Finding> findings = new ArrayList<>();
        for (ServerTransaction s : sessions) {
            if (s.transactionAge().compareTo(LONG_RUNNING) < 0 || s.isWaiting()) {
                continue;
            }
            if (s.isIdleInTransaction() && s.stateAge().compareTo(CORE_IDLE_THRESHOLD) >= 0) {
                continue; // core's server.idle-in-transaction already reports it
            }
            findings.add(Finding.builder("transaction.long-running",
                            s.transactionAge().compareTo(VERY_LONG_RUNNING) >= 0 ? Severity.ERROR : Severity.WARNING)
                    .object(DbObject.of(ObjectType.CONNECTION, "session " + s.sessionId()))
                    .message("Session " + s.sessionId() + " of " + s.user() + " has had a transaction open for "
                            + s.transactionAge().toSeconds() + " s (" + s.state() + "): it holds its locks and keeps "
                            + (dialect instanceof MariaDbDialect ? "purge" : "vacuum") + " from removing old rows"
                            + (s.query().isEmpty() ? "" : "; statement: " + s.query()))
                    .evidence("transaction_age_ms", s.transactionAge().toMillis())
                    .evidence("state", s.state())
                    .evidence("user", s.user())
                    .fix(Fix.advice("split the work into shorter transactions; move batch jobs off peak hours"))
                    .build());
        }
        return findings;
    }

    Optional<Finding> deadlockCount(long count, String database) {
        if (count <= 0) {
            return Optional.empty();
        }
        return Optional.of(Finding.builder("transaction.deadlocks", Severity.INFO)
                .object(DbObject.database(database.isEmpty() ? "current" : database))
                .message(count + " deadlock(s) in this database since statistics were reset; PostgreSQL logs the "
                        + "statements involved (log_lock_waits shows the waits that lead to them)")
                .evidence("deadlocks", count)
                .fix(Fix.advice("retry victims (TransactionManager does) and take row locks in a consistent order"))
                .build());
    }

    Finding latestDeadlock(DeadlockRecord record, Instant now) {
        Duration age = Duration.between(record.detectedAt(), now);
        String object = record.objects().stream().findFirst().orElse("unknown");
        return Finding.builder("transaction.latest-deadlock",
                        age.compareTo(Duration.ofHours(1)) <= 0 ? Severity.WARNING : Severity.INFO)
                .object(DbObject.of(ObjectType.OTHER, object))
                .message("Latest deadlock, " + Math.max(0, age.toMinutes()) + " min ago: " + record.summary())
                .evidence("participants", record.participants().size())
                .evidence("age_ms", Math.max(0, age.toMillis()))
                .evidence("source", record.source().name().toLowerCase(java.util.Locale.ROOT))
                .fix(Fix.advice("take locks in a consistent order (sort the keys before updating several rows)"))
                .build();
    }

    /** Whether a server-wide deadlock record touches a table of this database. */
    static boolean involves(DeadlockRecord record, String database) {
        if (database.isEmpty()) {
            return true;
        }
        String marker = "`" + database.replace("`", "``") + "`.";
        return record.objects().stream().anyMatch(o -> o.contains(marker));
    }
}
