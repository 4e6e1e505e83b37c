package io.dbopt.index.check;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.fk-duplicate}: a foreign key identical to another of its table; the fix drops the duplicate
 * constraint (not an index: the kept key's index serves both).
 */
final class ForeignKeyDuplicateCheck extends RowCheck {

    ForeignKeyDuplicateCheck() {
        super("index.fk-duplicate", "foreign keys identical to another foreign key of the same table");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String constraint = rs.getString("constraint_name");
        String kept = rs.getString("duplicate_of");
        String drop = "ALTER TABLE " + table.quoted(ctx.dialect()) + (ctx.dialect() instanceof PostgresDialect
                ? " DROP CONSTRAINT " : " DROP FOREIGN KEY ") + ctx.dialect().quote(constraint);
        return builder(Severity.WARNING)
                .object(constraintObject(ctx, table, constraint))
                .message("Foreign key " + constraint + " on " + table.name() + " duplicates " + kept
                        + ": every write is checked twice")
                .evidence("duplicate_of", kept)
                .fix(Fix.sql("drop the duplicate constraint; " + kept + " keeps the rule", drop)).build();
    }

    static DbObject constraintObject(CheckContext ctx, TableName table, String constraint) {
        return DbObject.of(ObjectType.CONSTRAINT, table.quoted(ctx.dialect()) + "." + ctx.dialect().quote(constraint));
    }
}
