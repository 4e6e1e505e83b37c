package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.List;

/** {@code index.seq-scan-heavy}: tables read in full often, reading many rows each time. */
final class HeavySeqScanCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.seq-scan-heavy";
    }

    @Override
    public String description() {
        return "tables scanned sequentially many times over many rows";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "seq-scan");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        return CheckSupport.query(ctx, "seq-scan", rs -> {
            TableName table = CheckSupport.table(rs);
            long scans = rs.getLong("seq_scans");
            long perScan = rs.getLong("rows_per_scan");
            return Finding.builder(id(), Severity.WARNING)
                    .object(CheckSupport.tableObject(ctx.dialect(), table))
                    .message("Table " + table.name() + " was read in full about " + scans + " times, "
                            + perScan + " rows each: some query filters it without an index")
                    .evidence("seq_scans", scans).evidence("rows_read", rs.getLong("rows_read"))
                    .evidence("rows_per_scan", perScan).evidence("index_scans", rs.getLong("index_scans"))
                    .evidence("table_rows", rs.getLong("table_rows"))
                    .evidence("table_bytes", rs.getLong("table_bytes"))
                    .fix(Fix.advice("find the queries (pg_stat_statements, performance_schema digests) and run "
                            + "IndexManager.recommend(workload) on them"))
                    .build();
        }, ctx.schema(), ctx.options().seqScanMinCount(), ctx.options().seqScanMinRows());
    }
}
