package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code table-bloat} and {@code index-bloat}: space tables and B-tree indexes hold beyond what their rows need.
 * PostgreSQL: an estimate from row counts and column widths in the statistics (run ANALYZE for a good one);
 * MariaDB: the free space InnoDB reports inside each table ({@code DATA_FREE}; per table only, so index bloat is
 * PostgreSQL-only).
 */
public final class BloatCheck implements HealthCheck {

    private final CheckKind kind;
    private final long warn;
    private final long error;

    private BloatCheck(CheckKind kind, long warn, long error) {
        this.kind = kind;
        this.warn = warn;
        this.error = error;
    }

    /** {@code table-bloat}: warns at {@code warn} wasted bytes in one table, an error at {@code error}. */
    public static BloatCheck tables(long warn, long error) {
        return new BloatCheck(CheckKind.TABLE_BLOAT, warn, error);
    }

    /** {@code index-bloat}: warns at {@code warn} wasted bytes in one index. */
    public static BloatCheck indexes(long warn) {
        return new BloatCheck(CheckKind.INDEX_BLOAT, warn, Long.MAX_VALUE);
    }

    @Override
    public CheckKind kind() {
        return kind;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return kind == CheckKind.INDEX_BLOAT && !(dialect instanceof PostgresDialect)
                ? Optional.of("MariaDB reports free space per table only (DATA_FREE), counted by table-bloat")
                : Optional.empty();
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        Dialect d = ctx.dialect();
        boolean postgres = d instanceof PostgresDialect;
        Health.Builder b = Health.builder(kind.id());
        long[] total = {0, 0};
        CheckSupport.query(ctx, kind.id(), rs -> {
            long wasted = rs.getLong("wasted_bytes");
            total[0]++;
            total[1] += wasted;
            Severity severity = CheckSupport.grade(wasted, warn, error).orElse(Severity.WARNING);
            String table = postgres ? d.quote(rs.getString("schema_name"), rs.getString("table_name"))
                    : d.quote(rs.getString("table_name"));
            if (kind == CheckKind.TABLE_BLOAT) {
                long size = rs.getLong("table_bytes");
                b.finding(Finding.builder(kind.checkId(), severity).object(DbObject.table(table))
                        .message("Table " + table + " holds an estimated " + CheckSupport.bytes(wasted) + " it does "
                                + "not need (of " + CheckSupport.bytes(size) + "): scans read empty space")
                        .evidence("table_bytes", size).evidence("wasted_bytes", wasted)
                        .fix(postgres
                                ? Fix.advice("let autovacuum keep up (lower autovacuum_vacuum_scale_factor for this "
                                        + "table); reclaim the space with pg_repack, or VACUUM FULL " + table
                                        + " in a maintenance window (it locks the table)")
                                : Fix.sql("rebuild the table (online on InnoDB)", "OPTIMIZE TABLE " + table))
                        .build());
            } else {
                String index = d.quote(rs.getString("schema_name"), rs.getString("index_name"));
                b.finding(Finding.builder(kind.checkId(), severity).object(DbObject.index(index))
                        .message("Index " + index + " on " + table + " holds an estimated "
                                + CheckSupport.bytes(wasted) + " more than a fresh build would")
                        .evidence("index_bytes", rs.getLong("index_bytes")).evidence("wasted_bytes", wasted)
                        .fix(Fix.sql("rebuild it without blocking writes", "REINDEX INDEX CONCURRENTLY " + index))
                        .build());
            }
            return null;
        }, postgres ? new Object[] {warn, warn} : new Object[] {warn});
        return b.detail("bloated", total[0]).detail("wasted_bytes", total[1]).build();
    }
}
