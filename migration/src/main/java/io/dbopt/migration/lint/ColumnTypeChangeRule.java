package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.ColumnSchema;
import io.dbopt.migration.schema.TypeNames;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ALTER COLUMN ... TYPE} that rewrites the table. */
final class ColumnTypeChangeRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.column-type-change", Severity.ERROR,
            "changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, except for "
                    + "the binary-compatible cases (varchar(n) to a longer varchar or text, numeric to a wider "
                    + "precision with the same scale, a longer timestamp/time/interval precision, cidr to inet); "
                    + "running code may also break on the new type",
            "add a new column of the new type, backfill it in batches, switch the application to it, then drop the "
                    + "old column (expand and contract)")
            .squawk("changing-column-type").strongMigrations("change_column");
    private static final Pattern VARCHAR = Pattern.compile("varchar(?:\\((\\d+)\\))?");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
    private static final Pattern PRECISION = Pattern.compile("(timestamp|timestamptz|time|interval)(?:\\((\\d)\\))?");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry)) {
            return;
        }
        for (int i = 0; i < at.actions().size(); i++) {
            if (!(at.actions().get(i) instanceof Ddl.AlterColumnType change)) {
                continue;
            }
            String to = TypeNames.normalise("postgresql", change.newType());
            Optional<String> from = context.table(at.table()).flatMap(t -> t.column(change.column()))
                    .map(ColumnSchema::type);
            if (from.isPresent() && safe(from.get(), to) && change.using().isEmpty()) {
                continue;
            }
            Finding finding = context.finding(INFO, entry, at.offsetOf(i), DbObject.column(at.table().toString(),
                            change.column()))
                    .message("Column " + at.table() + "." + change.column() + " changes type "
                            + from.map(f -> "from " + f + " ").orElse("") + "to " + to
                            + (from.isPresent() ? ", which rewrites the table" : ", which may rewrite the table"))
                    .fix(Fix.advice("expand and contract: new column, backfill, switch, drop the old one"))
                    .build();
            out.add(from.isPresent() ? finding : finding.withSeverity(Severity.WARNING));
        }
    }

    /** Whether PostgreSQL changes the type without rewriting the table. */
    static boolean safe(String from, String to) {
        if (from.equals(to) || to.equals("text") && VARCHAR.matcher(from).matches()
                || from.equals("cidr") && to.equals("inet")) {
            return true;
        }
        Matcher f = VARCHAR.matcher(from);
        Matcher t = VARCHAR.matcher(to);
        if (f.matches() && t.matches()) {
            return t.group(1) == null || f.group(1) != null && Integer.parseInt(t.group(1)) >= Integer.parseInt(f.group(1));
        }
        Matcher nf = NUMERIC.matcher(from);
        Matcher nt = NUMERIC.matcher(to);
        if (nf.matches() && nt.matches()) {
            return nf.group(2).equals(nt.group(2)) && Integer.parseInt(nt.group(1)) >= Integer.parseInt(nf.group(1));
        }
        if (from.startsWith("numeric") && to.equals("numeric")) {
            return true;
        }
        Matcher pf = PRECISION.matcher(from);
        Matcher pt = PRECISION.matcher(to);
        return pf.matches() && pt.matches() && pf.group(1).equals(pt.group(1))
                && precision(pt.group(2)) >= precision(pf.group(2));
    }

    private static int precision(String digits) {
        return digits == null ? 6 : Integer.parseInt(digits);
    }
}
