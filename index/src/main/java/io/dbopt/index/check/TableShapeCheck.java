package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.table-shape} (PostgreSQL): table designs that make later work harder, one finding per table and
 * problem (evidence {@code problem}): zero or one column, every column nullable but the key, key columns not first, a
 * text primary key, inheritance. All INFO: they are design notes, not faults.
 */
final class TableShapeCheck extends RowCheck {

    TableShapeCheck() {
        super("index.table-shape", "table designs that make later work harder");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String problem = rs.getString("problem");
        String[] text = switch (problem) {
            case "zero-or-one-column" -> new String[] {"has zero or one column",
                "merge it into the table that uses it, or give it the columns it is missing"};
            case "all-nullable" -> new String[] {"has every column but the primary key nullable",
                "declare NOT NULL what is always set (ALTER COLUMN ... SET NOT NULL, after a CHECK ... NOT VALID "
                        + "validated online)"};
            case "pk-not-first" -> new String[] {"has primary key columns after other columns",
                "list key columns first when the table is next rebuilt; tools and readers expect them there"};
            case "text-pk" -> new String[] {"has a text primary key",
                "a bigint or uuid surrogate key keeps indexes and foreign keys small; keep the text unique"};
            default -> new String[] {"uses table inheritance", "use declarative partitioning or plain tables"};
        };
        return builder(Severity.INFO)
                .object(CheckSupport.tableObject(ctx.dialect(), table))
                .message("Table " + table.name() + " " + text[0])
                .evidence("problem", problem).evidence("primary_key", rs.getString("primary_key"))
                .fix(Fix.advice(text[1]))
                .build();
    }
}
