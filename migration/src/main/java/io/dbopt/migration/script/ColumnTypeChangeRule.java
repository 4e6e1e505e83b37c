package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.ColumnSchema;
import io.dbopt.migration.schema.TypeNames;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ALTER COLUMN ... TYPE} that rewrites the table. */
final class ColumnTypeChangeRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.postgres("migration.column-type-change", Severity.ERROR,
            "changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, except for "
                    + "the binary-compatible cases (varchar(n) to a longer varchar or text, numeric to a wider "
                    + "precision with the same scale)",
            "add a new column of the new type, backfill it in batches, switch the application to it, then drop the "
                    + "old column (expand and contract)");
    private static final Pattern VARCHAR = Pattern.compile("varchar(?:\\((\\d+)\\))?");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry.statement())) {
            return;
        }
        for (Ddl.Action action : at.actions()) {
            if (action instanceof Ddl.AlterColumnType change) {
                String to = TypeNames.normalise("postgresql", change.newType());
                Optional<String> from = context.table(at.table()).flatMap(t -> t.column(change.column()))
                        .map(ColumnSchema::type);
                if (from.isPresent() && safe(from.get(), to)) {
                    continue;
                }
                Finding finding = context.finding(INFO, entry, DbObject.column(at.table().toString(), change.column()))
                        .message("Column " + at.table() + "." + change.column() + " changes type "
                                + from.map(f -> "from " + f + " ").orElse("") + "to " + to
                                + (from.isPresent() ? ", which rewrites the table" : ", which may rewrite the table"))
                        .fix(Fix.advice("expand and contract: new column, backfill, switch, drop the old one"))
                        .build();
                out.add(from.isPresent() ? finding : finding.withSeverity(Severity.WARNING));
            }
        }
    }

    /** Whether PostgreSQL changes the type without rewriting the table. */
    static boolean safe(String from, String to) {
        if (to.equals("text") && VARCHAR.matcher(from).matches()) {
            return true;
        }
        Matcher f = VARCHAR.matcher(from);
        Matcher t = VARCHAR.matcher(to);
        if (f.matches() && t.matches()) {
            return t.group(1) == null || f.group(1) != null && Integer.parseInt(t.group(1)) >= Integer.parseInt(f.group(1));
        }
        Matcher nf = NUMERIC.matcher(from);
        Matcher nt = NUMERIC.matcher(to);
        return nf.matches() && nt.matches() && nf.group(2).equals(nt.group(2))
                && Integer.parseInt(nt.group(1)) >= Integer.parseInt(nf.group(1));
    }
}
