package io.dbopt.index.check;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code index.unnecessary-where} (PostgreSQL): partial indexes whose IS NOT NULL predicate is always true. */
final class UnnecessaryWhereCheck extends RowCheck {

    UnnecessaryWhereCheck() {
        super("index.unnecessary-where", "partial indexes whose WHERE clause holds for every row");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String index = rs.getString("index_name");
        String predicate = rs.getString("predicate");
        return builder(Severity.INFO)
                .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                .message("Index on " + table.name() + " has WHERE " + predicate + " on NOT NULL columns: it filters "
                        + "nothing, yet queries must repeat it for the planner to use the index")
                .evidence("predicate", predicate)
                .fix(Fix.advice("rebuild the index without its WHERE clause (CREATE INDEX CONCURRENTLY, then DROP "
                        + "INDEX CONCURRENTLY of this one)"))
                .build();
    }
}
