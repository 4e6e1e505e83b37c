package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.sql.SQLException;
import java.util.List;

/** {@code index.bloated}: indexes much larger than a fresh build would be (an estimate from statistics). */
final class BloatedIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.bloated";
    }

    @Override
    public String description() {
        return "indexes whose estimated wasted space exceeds a share and a size";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "bloat");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        return CheckSupport.query(ctx, "bloat", rs -> {
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            long bloat = rs.getLong("bloat_bytes");
            double ratio = rs.getDouble("bloat_ratio");
            // below the floors a finding is still reported, at INFO, so that nothing is hidden silently
            boolean aboveFloor = ratio >= ctx.options().bloatMinRatio() && bloat >= ctx.options().bloatMinBytes();
            String rebuild = IndexDdl.rebuildOnline(ctx.dialect(), table, index);
            return Finding.builder(id(), aboveFloor ? Severity.WARNING : Severity.INFO)
                    .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                    .message("Index on " + table.name() + " wastes an estimated " + CheckSupport.bytes(bloat) + " ("
                            + Math.round(ratio * 100) + " %): scans read more pages than they need")
                    .evidence("index_bytes", rs.getLong("index_bytes")).evidence("bloat_bytes", bloat)
                    .evidence("bloat_ratio", ratio)
                    .evidence("floor", aboveFloor ? "above index.bloat_min_ratio and index.bloat_min_bytes"
                            : "below index.bloat_min_ratio or index.bloat_min_bytes")
                    .fix(aboveFloor ? Fix.sql("rebuild the index online", rebuild)
                            : Fix.advice("small: rebuild it when it grows (" + rebuild + ")"))
                    .build();
        }, ctx.schema(), 0.0, 1L);
    }
}
