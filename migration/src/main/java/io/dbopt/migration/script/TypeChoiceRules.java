package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.TypeNames;
import java.util.List;
import java.util.regex.Pattern;

/** PostgreSQL type choices that age badly: {@code varchar(n)} and {@code timestamp without time zone}. */
final class TypeChoiceRules implements LintRule {

    static final RuleInfo VARCHAR = RuleInfo.postgres("migration.varchar-length", Severity.INFO,
            "varchar(n) is no faster than text on PostgreSQL, and raising n later is a migration of its own; "
                    + "lowering it rewrites the table",
            "text, with a CHECK (length(col) <= n) constraint where a limit is a business rule");
    static final RuleInfo TIMESTAMP = RuleInfo.postgres("migration.timestamp-without-time-zone", Severity.WARNING,
            "timestamp without time zone stores wall-clock values that change meaning with the session time zone "
                    + "and across daylight saving changes",
            "timestamptz, which stores an instant");
    private static final Pattern VARCHAR_N = Pattern.compile("varchar\\(\\d+\\)");
    private static final Pattern TIMESTAMP_PLAIN = Pattern.compile("timestamp(\\(\\d+\\))?");

    @Override
    public RuleInfo info() {
        return VARCHAR;
    }

    @Override
    public List<RuleInfo> infos() {
        return List.of(VARCHAR, TIMESTAMP);
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        for (String[] t : ColumnDefinitions.types(entry.ddl())) {
            String type = TypeNames.normalise("postgresql", t[2]);
            if (VARCHAR_N.matcher(type).matches()) {
                out.add(context.finding(VARCHAR, entry, DbObject.column(t[0], t[1]))
                        .message("Column " + t[0] + "." + t[1] + " is " + t[2] + "; text with a check is easier to change")
                        .fix(Fix.advice(VARCHAR.safeAlternative()))
                        .build());
            } else if (TIMESTAMP_PLAIN.matcher(type).matches()) {
                out.add(context.finding(TIMESTAMP, entry, DbObject.column(t[0], t[1]))
                        .message("Column " + t[0] + "." + t[1] + " is timestamp without time zone")
                        .fix(Fix.advice("declare it timestamptz"))
                        .build());
            }
        }
    }
}
