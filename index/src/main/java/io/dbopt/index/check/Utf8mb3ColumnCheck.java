package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code index.utf8mb3-column} (MariaDB): tables with utf8mb3 text columns; the fix converts the table to utf8mb4
 * (a table copy; writes wait for it).
 */
final class Utf8mb3ColumnCheck extends RowCheck {

    Utf8mb3ColumnCheck() {
        super("index.utf8mb3-column", "text columns in utf8mb3, which cannot store every character");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        List<String> columns = CheckSupport.jsonStrings(rs.getString("columns"));
        return builder(Severity.WARNING)
                .object(CheckSupport.tableObject(ctx.dialect(), table))
                .message("Table " + table.name() + " stores " + String.join(", ", columns) + " in utf8mb3: emoji "
                        + "and other characters outside the BMP cannot be stored")
                .evidence("columns", String.join(", ", columns))
                .fix(Fix.sql("convert the table to utf8mb4 (copies the table; writes wait for the copy)",
                        "ALTER TABLE " + table.quoted(ctx.dialect()) + " CONVERT TO CHARACTER SET utf8mb4 COLLATE "
                                + "utf8mb4_unicode_ci, LOCK=SHARED"))
                .build();
    }
}
