package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** UPDATE, DELETE or MERGE of an existing table in a transaction that holds a lock blocking writes. */
final class BackfillRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.backfill-in-schema-change", Severity.WARNING,
            "a backfill in the same transaction as a schema change keeps the schema change's lock (which blocks "
                    + "writes, or reads and writes) for as long as the backfill runs, and rewrites the whole table "
                    + "in one transaction",
            "commit the schema change first, then backfill in batches of a few thousand rows in their own "
                    + "transactions (a later migration run without a transaction, or a job)")
            .strongMigrations("backfilling_data");
    private static final Set<String> BACKFILL_VERBS = Set.of("UPDATE", "DELETE", "MERGE");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.DataChange dc) || !BACKFILL_VERBS.contains(dc.verb())
                || dc.table().filter(t -> context.isNewTable(t, entry)).isPresent()) {
            return;
        }
        Optional<LintContext.Entry> holder = context.blockingLockHeldAt(entry);
        holder.ifPresent(h -> out.add(context.finding(INFO, entry, dc.table().map(context::tableObject)
                        .orElse(context.scriptObject()))
                .message(dc.verb() + " of " + dc.table().map(Ddl.Name::toString).orElse("a table") + " runs in the "
                        + "transaction of statement " + h.index() + " (" + h.ddl().command() + "), whose lock is held "
                        + "until the backfill ends")
                .fix(Fix.advice(INFO.safeAlternative()))
                .build()));
    }
}
