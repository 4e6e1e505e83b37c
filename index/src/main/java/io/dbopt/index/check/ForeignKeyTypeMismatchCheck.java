package io.dbopt.index.check;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.fk-type-mismatch}: a foreign key column whose type differs from the referenced column's. On
 * PostgreSQL the fix changes the referencing column to the referenced type (a table rewrite under an ACCESS
 * EXCLUSIVE lock, stated in the fix); on MariaDB the advice names the type, since MODIFY needs the column's full
 * definition.
 */
final class ForeignKeyTypeMismatchCheck extends RowCheck {

    ForeignKeyTypeMismatchCheck() {
        super("index.fk-type-mismatch", "foreign key columns whose type differs from the referenced column's");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String constraint = rs.getString("constraint_name");
        String column = rs.getString("column_name");
        String type = rs.getString("column_type");
        String refType = rs.getString("referenced_type");
        String ref = rs.getString("referenced_table") + "." + rs.getString("referenced_column");
        Fix fix = ctx.dialect() instanceof PostgresDialect
                ? Fix.sql("change " + column + " to " + refType + " (rewrites " + table.name() + " under an ACCESS "
                        + "EXCLUSIVE lock and re-checks the key)", "ALTER TABLE " + table.quoted(ctx.dialect())
                        + " ALTER COLUMN " + ctx.dialect().quote(column) + " TYPE " + refType)
                : Fix.advice("ALTER TABLE " + table.quoted(ctx.dialect()) + " MODIFY " + ctx.dialect().quote(column)
                        + " " + refType + " with the column's other attributes (NULL/NOT NULL, default) restated");
        return builder(Severity.WARNING)
                .object(ForeignKeyDuplicateCheck.constraintObject(ctx, table, constraint))
                .message("Foreign key " + constraint + ": " + table.name() + "." + column + " is " + type + " but "
                        + ref + " is " + refType)
                .evidence("column", column).evidence("column_type", type).evidence("referenced", ref)
                .evidence("referenced_type", refType)
                .fix(fix).build();
    }
}
