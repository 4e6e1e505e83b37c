package io.dbopt.migration.lint;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A name, created or referenced, longer than the server stores. */
final class IdentifierLengthRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.identifier-too-long", Severity.ERROR,
            "PostgreSQL silently truncates names to 63 bytes, so two long names can collide and scripts that use "
                    + "the full name and the truncated one disagree; MariaDB rejects names over 64 characters",
            "a shorter name (abbreviate the table part of index and constraint names)")
            .squawk("identifier-too-long");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Dialect dialect = context.settings().dialect();
        boolean bytes = dialect.identifierLengthUnit() == Dialect.IdentifierLengthUnit.BYTES;
        int max = dialect.maxIdentifierLength();
        Set<String> seen = new HashSet<>();
        for (SqlToken t : entry.tokens()) {
            if (t.kind() != SqlTokenKind.WORD && t.kind() != SqlTokenKind.QUOTED_IDENTIFIER) {
                continue;
            }
            String name = t.kind() == SqlTokenKind.WORD ? t.text() : t.text().substring(1, t.text().length() - 1);
            int length = bytes ? name.getBytes(StandardCharsets.UTF_8).length : name.codePointCount(0, name.length());
            if (length <= max || !seen.add(name)) {
                continue;
            }
            String unit = bytes ? "bytes" : "characters";
            out.add(context.finding(INFO, entry, t.start(), DbObject.of(ObjectType.OTHER, name))
                    .message("Name " + name + " is " + length + " " + unit + "; the server keeps " + max
                            + (bytes ? " and silently cuts the rest" : " and rejects longer ones"))
                    .evidence("length", length)
                    .fix(Fix.advice("choose a name of at most " + max + " " + unit))
                    .build());
        }
    }
}
