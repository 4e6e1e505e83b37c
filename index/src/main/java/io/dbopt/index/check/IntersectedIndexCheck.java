package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.intersected} (PostgreSQL): two indexes of a table that start with the same column, neither a duplicate
 * nor a prefix of the other. INFO with advice: whether one index can serve both depends on the queries, which
 * {@code IndexManager.whatIfDrop} can check.
 */
final class IntersectedIndexCheck extends RowCheck {

    IntersectedIndexCheck() {
        super("index.intersected", "indexes that start with the same column as another index of the table");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String index = rs.getString("index_name");
        String other = rs.getString("intersects");
        return builder(Severity.INFO)
                .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                .message("Index on " + table.name() + " starts with the same column as " + other
                        + ": one index in the right column order may serve both")
                .evidence("intersects", other)
                .fix(Fix.advice("check with IndexManager.whatIfDrop(...) whether the workload still has a good plan "
                        + "without one of them, then drop it"))
                .build();
    }
}
