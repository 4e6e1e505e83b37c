package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code index.unused}: indexes no query has read since the statistics were reset. */
final class UnusedIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.unused";
    }

    @Override
    public String description() {
        return "indexes never read since statistics were reset, not backing a constraint or a foreign key";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "unused");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        IndexUsage usage = ctx.usage();
        if (usage.separate()) {
            List<Finding> findings = new ArrayList<>();
            for (CheckSupport.DropCandidate c : CheckSupport.dropCandidates(ctx)) {
                long scans = usage.reads(c.table().name(), c.index());
                if (scans == 0) { // MariaDB: the query returns candidates, the counters decide
                    findings.add(finding(ctx, c.table(), c.index(), scans, c.bytes(), usage.writes(c.table().name()),
                            c.statsSince(), c.partitioned()));
                }
            }
            return findings;
        }
        return CheckSupport.query(ctx, "unused", rs -> finding(ctx, CheckSupport.table(rs),
                rs.getString("index_name"), rs.getLong("scans"), rs.getLong("index_bytes"), rs.getLong("table_writes"),
                rs.getString("stats_since"), rs.getBoolean("partitioned")), ctx.schema(), 0L);
    }

    private Finding finding(CheckContext ctx, TableName table, String index, long scans, long size, long writes,
                            String statsSince, boolean partitioned) {
        boolean aboveFloor = size >= ctx.options().unusedMinBytes();
        return Finding.builder(id(), aboveFloor ? Severity.WARNING : Severity.INFO)
                .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                .message("Index on " + table.name() + " (" + CheckSupport.bytes(size) + ") has not been read "
                        + "since " + statsSince + ", but every write to the table maintains it")
                .evidence("scans", scans).evidence("index_bytes", size)
                .evidence("table_writes", writes)
                .evidence("stats_since", statsSince)
                .evidence("floor", aboveFloor ? "at least index.unused_min_bytes" : "below index.unused_min_bytes")
                .fix(partitioned
                        ? Fix.sql("drop the unused partitioned index with its partitions' indexes (check replicas "
                                + "and rare jobs first; a partitioned index cannot be dropped CONCURRENTLY: this "
                                + "takes an ACCESS EXCLUSIVE lock on the table and its partitions, briefly)",
                                "DROP INDEX IF EXISTS " + IndexDdl.indexName(ctx.dialect(), table, index))
                        : Fix.sql("drop the unused index (check replicas and rare jobs first: statistics are per "
                                + "server)", IndexDdl.dropOnline(ctx.dialect(), table, index)))
                .build();
    }
}
