package io.dbopt.index.check;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.no-primary-key}: tables without a primary key. When a unique index over NOT NULL columns exists, the
 * fix promotes it (PostgreSQL {@code ADD PRIMARY KEY USING INDEX}, MariaDB {@code ADD PRIMARY KEY}); otherwise the
 * advice says how to add a surrogate key and what it locks.
 */
final class NoPrimaryKeyCheck extends RowCheck {

    NoPrimaryKeyCheck() {
        super("index.no-primary-key", "tables without a primary key");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        long rows = rs.getLong("table_rows");
        String unique = rs.getString("unique_index");
        String quoted = table.quoted(ctx.dialect());
        Fix fix;
        if (unique == null) {
            fix = Fix.advice(ctx.dialect() instanceof PostgresDialect
                    ? "add a key the application can address rows by; a surrogate one is ALTER TABLE " + quoted
                            + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY (rewrites the table "
                            + "under an ACCESS EXCLUSIVE lock: plan a window)"
                    : "add a key the application can address rows by; a surrogate one is ALTER TABLE " + quoted
                            + " ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST, ALGORITHM=INPLACE, "
                            + "LOCK=NONE (rebuilds the table online)");
        } else if (ctx.dialect() instanceof PostgresDialect) {
            fix = Fix.sql("promote the unique index " + unique + " to the primary key (brief ACCESS EXCLUSIVE lock, "
                    + "no rebuild)", "ALTER TABLE " + quoted + " ADD PRIMARY KEY USING INDEX "
                    + ctx.dialect().quote(unique));
        } else {
            fix = Fix.sql("make the unique index " + unique + " the primary key (online rebuild)",
                    "ALTER TABLE " + quoted + " DROP INDEX " + ctx.dialect().quote(unique) + ", ADD PRIMARY KEY ("
                            + String.join(", ", uniqueColumns(ctx, table, unique)) + "), ALGORITHM=INPLACE, LOCK=NONE");
        }
        return builder(rows >= 1_000_000 ? Severity.ERROR : Severity.WARNING)
                .object(CheckSupport.tableObject(ctx.dialect(), table))
                .message("Table " + table.name() + " has no primary key: rows cannot be addressed one by one, "
                        + "replication of updates and deletes scans the table" + (unique != null
                        ? " (unique index " + unique + " could be the key)" : ""))
                .evidence("table_rows", rows).evidence("rows_source", CheckSupport.rowsSource(ctx.dialect()))
                .evidence("table_bytes", rs.getLong("table_bytes"))
                .evidence("partitions", rs.getString("partitions"))
                .fix(fix).build();
    }

    private static java.util.List<String> uniqueColumns(CheckContext ctx, TableName table, String index)
            throws SQLException {
        return io.dbopt.core.jdbc.Jdbc.query(ctx.connection(), ctx.options().statementTimeout(),
                "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                        + "AND INDEX_NAME = ? ORDER BY SEQ_IN_INDEX",
                r -> ctx.dialect().quote(r.getString(1)), table.schema(), table.name(), index);
    }
}
