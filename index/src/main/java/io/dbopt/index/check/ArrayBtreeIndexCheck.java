package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexMethod;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.sql.SQLException;
import java.util.List;

/** {@code index.array-btree} (PostgreSQL): B-tree indexes on array columns, which containment queries cannot use. */
final class ArrayBtreeIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.array-btree";
    }

    @Override
    public String description() {
        return "B-tree indexes on array columns (PostgreSQL)";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "array-btree");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        return CheckSupport.query(ctx, "array-btree", rs -> {
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            String column = rs.getString("column_name");
            IndexDefinition gin = IndexDefinition.on(table).columns(column).method(IndexMethod.GIN).build();
            gin = gin.withName(ctx.names().choose(table, List.of(column), "gin"));
            return Finding.builder(id(), Severity.WARNING)
                    .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                    .message("B-tree index on the array column " + column + " of " + table.name()
                            + " compares whole arrays; @>, <@ and && need a GIN index")
                    .evidence("column", column).evidence("index_bytes", rs.getLong("index_bytes"))
                    .fix(Fix.sql("if queries test containment or overlap, replace it with a GIN index",
                            IndexDdl.createOnline(ctx.dialect(), gin),
                            IndexDdl.dropOnline(ctx.dialect(), table, index)))
                    .build();
        }, ctx.schema());
    }
}
