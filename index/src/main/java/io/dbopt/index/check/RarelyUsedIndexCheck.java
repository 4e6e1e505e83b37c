package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.sql.SQLException;
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
        return CheckSupport.hasQuery(dialect, "rarely-used");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        String unit = ctx.dialect() instanceof PostgresDialect ? "scans" : "rows read";
        IndexUsage usage = ctx.usage();
        long threshold = ctx.options().rarelyUsedScans();
        List<Finding> findings = CheckSupport.query(ctx, "rarely-used", rs -> {
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            long scans = usage.separate() ? usage.reads(table.name(), index) : rs.getLong("scans");
            if (usage.separate() && (scans <= 0 || scans >= threshold)) {
                return null; // MariaDB: the query returns candidates, the counters decide
            }
            long writes = usage.separate() ? usage.writes(table.name()) : rs.getLong("table_writes");
            return Finding.builder(id(), Severity.INFO)
                    .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                    .message("Index on " + table.name() + " served only " + scans + " " + unit + " since "
                            + rs.getString("stats_since") + " while the table took " + writes
                            + " writes")
                    .evidence("scans", scans).evidence("index_bytes", rs.getLong("index_bytes"))
                    .evidence("table_writes", writes)
                    .evidence("stats_since", rs.getString("stats_since"))
                    .fix(Fix.sql("drop it if the few queries using it can do without (IndexRecommender.whatIfDrop "
                            + "shows which would slow down)", IndexDdl.dropOnline(ctx.dialect(), table, index)))
                    .build();
        }, usage.separate() ? new Object[] {ctx.schema(), ctx.options().unusedMinBytes()}
                : new Object[] {ctx.schema(), threshold, ctx.options().unusedMinBytes()});
        findings.removeIf(java.util.Objects::isNull);
        return findings;
    }
}
