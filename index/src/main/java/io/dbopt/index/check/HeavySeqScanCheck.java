package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
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
        return CheckSupport.hasQuery(dialect, "seq-scan") || SchemaTables.supported(dialect);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        IndexUsage usage = ctx.usage();
        if (usage.separate()) {
            return fromUsage(ctx, usage);
        }
        return CheckSupport.query(ctx, "seq-scan", rs -> finding(ctx, CheckSupport.table(rs), rs.getLong("seq_scans"),
                rs.getLong("rows_read"), rs.getLong("rows_per_scan"), rs.getLong("index_scans"),
                rs.getLong("table_rows"), rs.getLong("table_bytes")),
                ctx.schema(), ctx.options().seqScanMinCount(), ctx.options().seqScanMinRows());
    }

    /**
     * MariaDB: the schema's base tables with a row estimate of at least the minimum come from the run's catalog
     * snapshot ({@link MariaDbIndexCatalog#tables()}, by name; tables without an estimate do not count); rows read
     * without an index and through indexes come from {@link IndexUsage} (empty when performance_schema is off). Full
     * scans are rows read without an index divided by the row estimate (at least 1); tables with at least the
     * minimum of them, most rows read first, then by name.
     */
    private List<Finding> fromUsage(CheckContext ctx, IndexUsage usage) throws SQLException {
        record Scanned(Finding finding, long rowsRead) {
        }
        List<Scanned> scanned = new ArrayList<>();
        for (MariaDbIndexCatalog.Table t : MariaDbIndexCatalog.of(ctx).tables()) {
            if (!t.base() || !t.rowsKnown() || t.rows() < ctx.options().seqScanMinRows()) {
                continue;
            }
            TableName table = TableName.of(ctx.schema(), t.name());
            long rows = t.rows();
            for (IndexUsage.FullReads full : usage.fullReads(table.name())) {
                long scans = full.rows() / Math.max(rows, 1);
                if (scans >= ctx.options().seqScanMinCount()) {
                    scanned.add(new Scanned(finding(ctx, table, scans, full.rows(), rows,
                            usage.indexReads(table.name()), rows, t.dataBytes()), full.rows()));
                }
            }
        }
        scanned.sort(Comparator.comparingLong(Scanned::rowsRead).reversed()); // stable: name order within ties
        return scanned.stream().map(Scanned::finding).toList();
    }

    private Finding finding(CheckContext ctx, TableName table, long scans, long rowsRead, long perScan,
                            long indexScans, long tableRows, long tableBytes) {
        return Finding.builder(id(), Severity.WARNING)
                .object(CheckSupport.tableObject(ctx.dialect(), table))
                .message("Table " + table.name() + " was read in full about " + scans + " times, "
                        + perScan + " rows each: some query filters it without an index")
                .evidence("seq_scans", scans).evidence("rows_read", rowsRead)
                .evidence("rows_per_scan", perScan).evidence("index_scans", indexScans)
                .evidence("table_rows", tableRows)
                .evidence("table_bytes", tableBytes)
                .fix(Fix.advice("find the queries (pg_stat_statements, performance_schema digests) and run "
                        + "IndexManager.recommend(workload) on them"))
                .build();
    }
}
