package io.dbopt.index.check;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.json-column} (PostgreSQL): json columns; the fix converts them to jsonb (a table rewrite under an
 * ACCESS EXCLUSIVE lock; duplicate keys and key order are not kept).
 */
final class JsonColumnCheck extends RowCheck {

    JsonColumnCheck() {
        super("index.json-column", "json columns that jsonb would serve better");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String column = rs.getString("column_name");
        String quoted = ctx.dialect().quote(column);
        long rows = rs.getLong("table_rows");
        return builder(Severity.WARNING)
                .object(DbObject.column(table.quoted(ctx.dialect()), quoted))
                .message("Column " + table.name() + "." + column + " is json: it is parsed again on every access "
                        + "and cannot have a GIN index; jsonb can")
                .evidence("table_rows", rows).evidence("rows_source", CheckSupport.rowsSource(ctx.dialect()))
                .fix(Fix.sql("convert to jsonb (rewrites the table under an ACCESS EXCLUSIVE lock; duplicate keys and "
                        + "key order are not kept)", "ALTER TABLE " + table.quoted(ctx.dialect()) + " ALTER COLUMN "
                        + quoted + " TYPE jsonb USING " + quoted + "::jsonb"))
                .build();
    }
}
