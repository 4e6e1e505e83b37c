package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** MariaDB ALTERs that copy the whole table (and block writes while they do). */
final class CopyingAlterRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.mariaDb("migration.table-copying-alter", Severity.ERROR,
            "changing a column's definition, converting the character set, changing the primary key, adding a "
                    + "check or a foreign key with foreign_key_checks on, or asking for ALGORITHM=COPY copies the "
                    + "table row by row while writes wait, and the copy needs as much free disk as the table",
            "for large tables use an online schema change tool (gh-ost, pt-online-schema-change) or a quiet window; "
                    + "for columns, add a new one and backfill instead of changing the type; write "
                    + "ALGORITHM=INPLACE so the server refuses instead of copying by surprise")
            .strongMigrations("copy_algorithm", "change_column", "add_foreign_key", "add_check_constraint",
                    "change_column_null");
    static final Set<String> ONLINE = Set.of("INPLACE", "INSTANT", "NOCOPY");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry)) {
            return;
        }
        if (at.algorithm().filter(ONLINE::contains).isPresent()) {
            return; // the server refuses rather than copies
        }
        copyingReason(at).ifPresent(reason -> out.add(context.finding(INFO, entry, context.tableObject(at.table()))
                .message("ALTER TABLE " + at.table() + " " + reason + ", which copies the table while writes wait")
                .fix(Fix.advice("use an online schema change tool for a large table, or restructure the change"))
                .build()));
    }

    /** Why the ALTER needs a table copy, if it does. */
    static Optional<String> copyingReason(Ddl.AlterTable at) {
        if (at.algorithm().filter("COPY"::equals).isPresent()) {
            return Optional.of("asks for ALGORITHM=COPY");
        }
        for (Ddl.Action a : at.actions()) {
            if (a instanceof Ddl.ModifyColumn m) {
                return Optional.of("redefines column " + m.column().name() + " (a type or NULL change copies the "
                        + "table)");
            }
            if (a instanceof Ddl.ChangeColumn c) {
                return Optional.of("redefines column " + c.oldName() + " (a type or NULL change copies the table)");
            }
            if (a instanceof Ddl.ConvertCharset c) {
                return Optional.of("converts every text column to " + c.charset());
            }
            if (a instanceof Ddl.DropPrimaryKey) {
                return Optional.of("drops the primary key");
            }
            if (a instanceof Ddl.AddConstraint c && c.constraint().kind() == Ddl.ConstraintKind.PRIMARY_KEY) {
                return Optional.of("adds a primary key");
            }
            if (a instanceof Ddl.AddConstraint c && c.constraint().kind() == Ddl.ConstraintKind.FOREIGN_KEY) {
                return Optional.of("adds a foreign key with foreign_key_checks on");
            }
            if (a instanceof Ddl.AddConstraint c && c.constraint().kind() == Ddl.ConstraintKind.CHECK) {
                return Optional.of("adds a check constraint, validated against every row");
            }
        }
        return Optional.empty();
    }
}
