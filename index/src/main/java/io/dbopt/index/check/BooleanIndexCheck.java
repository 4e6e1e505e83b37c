package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code index.boolean}: indexes with a two-valued key column, which rarely beat a scan. */
final class BooleanIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.boolean";
    }

    @Override
    public String description() {
        return "non-unique indexes with a boolean key column";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "boolean");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        Map<String, Finding> byIndex = new LinkedHashMap<>();
        CheckSupport.query(ctx, "boolean", rs -> {
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            String column = rs.getString("column_name");
            boolean leading = rs.getInt("key_position") == 1;
            String advice = leading && !rs.getBoolean("is_partial")
                    ? "replace it by a partial index on the other columns for the rare value (WHERE "
                    + ctx.dialect().quote(column) + " or WHERE NOT " + ctx.dialect().quote(column)
                    + ", PostgreSQL), or drop it if the values are evenly split"
                    : "move " + column + " out of the key, or into the predicate of a partial index";
            Finding finding = Finding.builder(id(), Severity.INFO)
                    .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                    .message("Index on " + table.name() + " has the boolean column " + column
                            + (leading ? " first" : " in its key") + ": two values rarely make a selective index")
                    .evidence("column", column).evidence("key_position", rs.getInt("key_position"))
                    .evidence("index_bytes", rs.getLong("index_bytes"))
                    .fix(Fix.advice(advice))
                    .build();
            byIndex.putIfAbsent(table + "\u0000" + index, finding);
            return finding;
        }, ctx.schema());
        return List.copyOf(byIndex.values());
    }
}
