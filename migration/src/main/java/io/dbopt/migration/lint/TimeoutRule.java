package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;

/**
 * The first statement of a script that takes a lock other sessions wait for, when no lock timeout (or statement
 * timeout) was set before it.
 */
final class TimeoutRule implements LintRule {

    static final RuleInfo LOCK = RuleInfo.both("migration.missing-lock-timeout", Severity.WARNING,
            "a DDL statement waiting for its lock (behind one long transaction) blocks every later query on the "
                    + "table in the lock queue: a one-second ALTER turns into an outage",
            "SET lock_timeout = '5s' (PostgreSQL) or SET SESSION lock_wait_timeout = 5 (MariaDB) before it, and "
                    + "retry on timeout; dbopt's MigrationFramework sets it for every migration")
            .squawk("require-lock-timeout");
    static final RuleInfo STATEMENT = RuleInfo.both("migration.missing-statement-timeout", Severity.INFO,
            "a statement that locks a table and then runs long (a rewrite, a scan, an index build) keeps everyone "
                    + "else waiting for as long as it runs; nothing stops it short of a person cancelling it",
            "SET statement_timeout = '...' (PostgreSQL) or SET SESSION max_statement_time = ... (MariaDB) before it, "
                    + "sized for the table, so that an unexpectedly slow change gives up instead of blocking")
            .squawk("require-statement-timeout");

    @Override
    public RuleInfo info() {
        return LOCK;
    }

    @Override
    public List<RuleInfo> infos() {
        return List.of(LOCK, STATEMENT);
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Optional<String> lock = blockingLock(context, entry);
        if (lock.isEmpty() || context.before(entry).stream().anyMatch(e -> blockingLock(context, e).isPresent())) {
            return;
        }
        if (!context.lockTimeoutSetBefore(entry)) {
            out.add(context.finding(LOCK, entry, context.scriptObject())
                    .message("Statement " + entry.index() + " takes " + lock.get() + " without a lock timeout; "
                            + "while it waits, every query on the table queues behind it")
                    .fix(Fix.sql("set a lock timeout before it", context.mariaDb() ? "SET SESSION lock_wait_timeout = 5"
                            : "SET lock_timeout = '5s'"))
                    .build());
        }
        if (!context.statementTimeoutSetBefore(entry)) {
            out.add(context.finding(STATEMENT, entry, context.scriptObject())
                    .message("Statement " + entry.index() + " takes " + lock.get() + " without a statement timeout; "
                            + "if it runs long, everyone waits for as long as it runs")
                    .fix(Fix.sql("set a statement timeout sized for the table before it", context.mariaDb()
                            ? "SET SESSION max_statement_time = 60" : "SET statement_timeout = '60s'"))
                    .build());
        }
    }

    /** The lock others wait for that the statement takes, described, if it takes one. */
    private static Optional<String> blockingLock(LintContext context, LintContext.Entry entry) {
        if (context.mariaDb()) {
            return mariaDbLock(context, entry);
        }
        return context.existingTableLocks(entry).stream().filter(l -> l.level().blocksWrites())
                .map(l -> (l.level().sqlName().startsWith("A") || l.level().sqlName().startsWith("E") ? "an " : "a ")
                        + l.level().sqlName() + " lock on " + l.table()).findFirst();
    }

    private static Optional<String> mariaDbLock(LintContext context, LintContext.Entry entry) {
        Ddl ddl = entry.ddl();
        if (ddl instanceof Ddl.AlterTable at && !context.isNewTable(at.table(), entry)) {
            return Optional.of("a metadata lock on " + at.table());
        }
        if (ddl instanceof Ddl.CreateIndex ci && !context.isNewTable(ci.table(), entry)) {
            return Optional.of("a metadata lock on " + ci.table());
        }
        if (ddl instanceof Ddl.Drop d && (d.kind() == Ddl.ObjectKind.TABLE || d.kind() == Ddl.ObjectKind.INDEX)
                && !context.isNewTable(d.onTable().orElse(d.name()), entry)) {
            return Optional.of("a metadata lock on " + d.onTable().orElse(d.name()));
        }
        if (ddl instanceof Ddl.RenameTables r) {
            return Optional.of("a metadata lock on " + r.from().get(0));
        }
        return Optional.empty();
    }
}
