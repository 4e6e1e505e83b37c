package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code index.timestamp-in-middle} (PostgreSQL): B-tree indexes with a timestamp or date before the last key. */
final class TimestampInMiddleCheck extends RowCheck {

    TimestampInMiddleCheck() {
        super("index.timestamp-in-middle", "indexes with a timestamp or date column before their last key column");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String index = rs.getString("index_name");
        String column = rs.getString("column_name");
        return builder(Severity.INFO)
                .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                .message("Index on " + table.name() + " has " + column + " at position " + rs.getInt("column_position")
                        + " of " + rs.getInt("key_columns") + ": a range on it stops the later columns from "
                        + "narrowing the scan")
                .evidence("column", column).evidence("position", rs.getInt("column_position"))
                .fix(Fix.advice("put equality columns first and " + column + " last, unless every query compares "
                        + column + " with ="))
                .build();
    }
}
