package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.not-valid-constraint} (PostgreSQL): CHECK and foreign key constraints left NOT VALID; the fix
 * validates them (a SHARE UPDATE EXCLUSIVE lock: reads and writes go on; it fails, changing nothing, when an
 * existing row breaks the rule).
 */
final class NotValidConstraintCheck extends RowCheck {

    NotValidConstraintCheck() {
        super("index.not-valid-constraint", "constraints added NOT VALID and never validated");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String constraint = rs.getString("constraint_name");
        return builder(Severity.WARNING)
                .object(ForeignKeyDuplicateCheck.constraintObject(ctx, table, constraint))
                .message(capitalize(rs.getString("constraint_kind")) + " constraint " + constraint + " on "
                        + table.name() + " is NOT VALID: existing rows were never checked")
                .evidence("kind", rs.getString("constraint_kind"))
                .fix(Fix.sql("validate it (reads and writes continue; fails without change if a row breaks it)",
                        "ALTER TABLE " + table.quoted(ctx.dialect()) + " VALIDATE CONSTRAINT "
                                + ctx.dialect().quote(constraint)))
                .build();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
