package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code index.fk-without-index}: foreign keys no index leads with. Deleting a parent row then scans the child table
 * under a lock, and parent-to-child joins cannot use an index. On MariaDB InnoDB creates the index with the key, so
 * this fires only for keys whose index was dropped with {@code foreign_key_checks=0}.
 */
final class ForeignKeyWithoutIndexCheck implements IndexCheck {

    private static final long LARGE_TABLE_ROWS = 100_000;

    @Override
    public String id() {
        return "index.fk-without-index";
    }

    @Override
    public String description() {
        return "foreign keys whose columns no index leads with";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "fk-without-index");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        CheckSupport.Creations creations = CheckSupport.creations(ctx);
        return CheckSupport.query(ctx, "fk-without-index", rs -> {
            TableName table = CheckSupport.table(rs);
            List<String> columns = CheckSupport.jsonStrings(rs.getString("columns"));
            long rows = rs.getLong("table_rows");
            List<String> nullable = CheckSupport.jsonStrings(rs.getString("nullable_columns"));
            IndexDefinition.Builder def = IndexDefinition.on(table).columns(columns.toArray(String[]::new))
                    .name(ctx.names().choose(table, columns, "idx"));
            if (!nullable.isEmpty()) {
                // rows with a NULL key reference nothing: a partial index leaves them out and serves every lookup
                def.where(String.join(" AND ", nullable.stream().map(c -> ctx.dialect().quote(c) + " IS NOT NULL")
                        .toList()));
            }
            IndexDefinition index = def.build();
            boolean partitioned = rs.getBoolean("partitioned");
            String constraint = rs.getString("constraint_name");
            return Finding.builder(id(), rows >= LARGE_TABLE_ROWS ? Severity.ERROR : Severity.WARNING)
                    .object(DbObject.of(io.dbopt.core.finding.ObjectType.CONSTRAINT,
                            table.quoted(ctx.dialect()) + "." + ctx.dialect().quote(constraint)))
                    .message("Foreign key " + table.name() + " (" + String.join(", ", columns) + ") -> "
                            + rs.getString("referenced_table") + " has no index: deleting a "
                            + rs.getString("referenced_table") + " row scans " + table.name() + " (about " + rows
                            + " rows)")
                    .evidence("table", table.quoted(ctx.dialect())).evidence("columns", String.join(", ", columns))
                    .evidence("table_rows", rows)
                    .evidence("rows_source", rs.getBoolean("rows_guessed")
                            ? "estimated from the table's pages (never analysed)"
                            : CheckSupport.rowsSource(ctx.dialect()))
                    .evidence("statistics_at", statsAt(ctx, rs))
                    .evidence("table_bytes", rs.getLong("table_bytes"))
                    .fix(Fix.sql(ctx.dialect() instanceof io.dbopt.core.PostgresDialect && partitioned
                            ? "create the index on the partitioned table: ON ONLY the parent, concurrently on each "
                            + "partition, then attach" : "create the index online",
                            creations.statements(index).toArray(String[]::new)))
                    .build();
        }, ctx.schema());
    }

    private static String statsAt(CheckContext ctx, java.sql.ResultSet rs) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp("stats_at");
        if (at != null) {
            return at.toInstant().toString();
        }
        return ctx.dialect() instanceof io.dbopt.core.PostgresDialect ? "never (no VACUUM or ANALYZE recorded)"
                : "kept current by InnoDB persistent statistics (recalculated after 10 % of rows change)";
    }
}
