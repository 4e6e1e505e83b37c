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

/**
 * {@code index.redundant}: a non-unique index whose columns lead another index, which serves the same lookups. One
 * finding per redundant index, naming the first index that covers it.
 */
final class RedundantIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.redundant";
    }

    @Override
    public String description() {
        return "non-unique indexes whose columns are a leading prefix of another index";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "redundant");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        Map<String, Finding> byIndex = new LinkedHashMap<>();
        CheckSupport.query(ctx, "redundant", rs -> {
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            String covering = rs.getString("covering_index_name");
            Finding finding = Finding.builder(id(), Severity.WARNING)
                    .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                    .message("Index is a leading prefix of " + covering + " on " + table.name()
                            + ", which serves the same lookups")
                    .evidence("covered_by", covering).evidence("index_bytes", rs.getLong("index_bytes"))
                    .evidence("scans", rs.getLong("scans"))
                    .evidence("redundant_definition", rs.getString("redundant_definition"))
                    .evidence("covering_definition", rs.getString("covering_definition"))
                    .fix(Fix.sql("drop the redundant index; " + covering + " takes over its queries",
                            CheckSupport.dropStatement(ctx, table, index, rs.getBoolean("partitioned"))))
                    .build();
            byIndex.putIfAbsent(table + "\u0000" + index, finding);
            return finding;
        }, ctx.schema());
        return List.copyOf(byIndex.values());
    }
}
