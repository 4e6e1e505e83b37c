package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code index.rarely-used}: indexes read only a few times since the statistics were reset. */
final class RarelyUsedIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.rarely-used";
    }

    @Override
    public String description() {
        return "indexes read fewer times than a threshold (PostgreSQL: scans; MariaDB: rows read)";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "rarely-used") || CheckSupport.hasQuery(dialect, "index-usage");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        String unit = ctx.dialect() instanceof PostgresDialect ? "scans" : "rows read";
        IndexUsage usage = ctx.usage();
        if (usage.separate()) {
            // MariaDB: index.unused's candidates of at least the size floor, read at most a threshold of rows
            long threshold = ctx.options().rarelyUsedScans();
            List<Finding> findings = new ArrayList<>();
            for (CheckSupport.DropCandidate c : CheckSupport.dropCandidates(ctx)) {
                long scans = usage.reads(c.table().name(), c.index());
                if (c.bytes() >= ctx.options().unusedMinBytes() && scans > 0 && scans < threshold) {
                    findings.add(finding(ctx, c.table(), c.index(), scans, unit, c.bytes(),
                            usage.writes(c.table().name()), c.statsSince()));
                }
            }
            return findings;
        }
        return CheckSupport.query(ctx, "rarely-used", rs -> finding(ctx, CheckSupport.table(rs),
                rs.getString("index_name"), rs.getLong("scans"), unit, rs.getLong("index_bytes"),
                rs.getLong("table_writes"), rs.getString("stats_since")),
                ctx.schema(), ctx.options().rarelyUsedScans(), ctx.options().unusedMinBytes());
    }

    private Finding finding(CheckContext ctx, TableName table, String index, long scans, String unit, long bytes,
                            long writes, String statsSince) {
        return Finding.builder(id(), Severity.INFO)
                .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                .message("Index on " + table.name() + " served only " + scans + " " + unit + " since "
                        + statsSince + " while the table took " + writes + " writes")
                .evidence("scans", scans).evidence("index_bytes", bytes)
                .evidence("table_writes", writes)
                .evidence("stats_since", statsSince)
                .fix(Fix.sql("drop it if the few queries using it can do without (IndexRecommender.whatIfDrop "
                        + "shows which would slow down)", IndexDdl.dropOnline(ctx.dialect(), table, index)))
                .build();
    }
}
