package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.non-transactional-engine} (MariaDB): MyISAM and Aria tables; the fix converts them to InnoDB (a
 * table copy that blocks writes for its duration: {@code LOCK=SHARED}).
 */
final class NonTransactionalEngineCheck extends RowCheck {

    NonTransactionalEngineCheck() {
        super("index.non-transactional-engine", "MyISAM and Aria tables (no transactions, table locks)");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String engine = rs.getString("engine");
        return builder(Severity.WARNING)
                .object(CheckSupport.tableObject(ctx.dialect(), table))
                .message("Table " + table.name() + " uses " + engine + ": no transactions, no foreign keys, a table "
                        + "lock on every write, repair instead of recovery after a crash")
                .evidence("engine", engine).evidence("table_rows", rs.getLong("table_rows"))
                .evidence("rows_source", CheckSupport.rowsSource(ctx.dialect()))
                .evidence("table_bytes", rs.getLong("table_bytes"))
                .fix(Fix.sql("convert to InnoDB (copies the table; writes wait for the copy)",
                        "ALTER TABLE " + table.quoted(ctx.dialect()) + " ENGINE=InnoDB, LOCK=SHARED"))
                .build();
    }
}
