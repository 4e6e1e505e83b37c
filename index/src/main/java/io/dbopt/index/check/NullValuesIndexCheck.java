package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code index.null-values} (PostgreSQL): B-tree indexes over a nullable column with no WHERE clause. A one-column
 * index gets a fix that rebuilds it as a partial index {@code WHERE col IS NOT NULL} (built before the old one is
 * dropped); it is WARNING when ANALYZE saw at least half the rows NULL, INFO otherwise.
 */
final class NullValuesIndexCheck extends RowCheck {

    NullValuesIndexCheck() {
        super("index.null-values", "B-tree indexes over nullable columns that index every NULL");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String index = rs.getString("index_name");
        List<String> columns = CheckSupport.jsonStrings(rs.getString("nullable_columns"));
        double nullShare = rs.getDouble("null_share");
        boolean analysed = !rs.wasNull();
        Fix fix;
        if (rs.getInt("key_columns") == 1) {
            String column = columns.get(0);
            IndexDefinition partial = IndexDefinition.on(table).columns(column)
                    .where(ctx.dialect().quote(column) + " IS NOT NULL")
                    .name(ctx.names().choose(table, List.of(column), "notnull_idx")).build();
            fix = Fix.sql("if no query looks for " + column + " IS NULL through this index, replace it with a partial "
                    + "index that leaves the NULLs out", IndexDdl.createOnline(ctx.dialect(), partial),
                    IndexDdl.dropOnline(ctx.dialect(), table, index));
        } else {
            fix = Fix.advice("when queries never look for NULL in " + String.join(", ", columns)
                    + ", rebuild the index with WHERE ... IS NOT NULL on them");
        }
        return builder(analysed && nullShare >= 0.5 ? Severity.WARNING : Severity.INFO)
                .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                .message("Index on " + table.name() + " stores NULLs of nullable " + String.join(", ", columns)
                        + (analysed ? String.format(java.util.Locale.ROOT, " (%.0f %% of rows are NULL)",
                        nullShare * 100) : ""))
                .evidence("nullable_columns", String.join(", ", columns))
                .evidence("null_share", analysed ? nullShare : "unknown (table not analysed)")
                .evidence("null_share_source", "pg_stats.null_frac")
                .evidence("index_bytes", rs.getLong("index_bytes"))
                .fix(fix).build();
    }
}
