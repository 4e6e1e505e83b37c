package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code index.fk-intersected} (PostgreSQL): two foreign keys to the same table over overlapping columns. */
final class ForeignKeyIntersectedCheck extends RowCheck {

    ForeignKeyIntersectedCheck() {
        super("index.fk-intersected", "foreign keys to the same table whose columns overlap");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String constraint = rs.getString("constraint_name");
        String other = rs.getString("intersects");
        return builder(Severity.INFO)
                .object(ForeignKeyDuplicateCheck.constraintObject(ctx, table, constraint))
                .message("Foreign keys " + constraint + " and " + other + " on " + table.name()
                        + " reference the same table over overlapping columns")
                .evidence("intersects", other)
                .fix(Fix.advice("keep the key that states the rule (usually the wider one) and drop the other"))
                .build();
    }
}
