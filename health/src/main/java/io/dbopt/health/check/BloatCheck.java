package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code table-bloat} and {@code index-bloat}: space tables and B-tree indexes hold beyond what their rows need.
 * PostgreSQL: an estimate from row counts and column widths in the statistics (run ANALYZE for a good one);
 * MariaDB: the free space InnoDB reports inside each table ({@code DATA_FREE}; per table only, so index bloat is
 * PostgreSQL-only), from the cycle's {@linkplain CheckContext#schemaTables() snapshot} of
 * {@code information_schema.TABLES}.
 */
public final class BloatCheck implements HealthCheck {

    /** The most tables {@code table-bloat} reports. */
    static final int MAX_TABLES = 50;

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
        if (kind == CheckKind.TABLE_BLOAT && SchemaTables.supported(d)) {
            for (SchemaTables.Table t : wasteful(ctx.schemaTables(), warn)) {
                long wasted = t.freeBytes().orElseThrow();
                total[0]++;
                total[1] += wasted;
                b.finding(tableFinding(d.quote(t.name()), t.dataBytes() + t.indexBytes(), wasted, false));
            }
            return b.detail("bloated", total[0]).detail("wasted_bytes", total[1]).build();
        }
        CheckSupport.query(ctx, kind.id(), rs -> {
            long wasted = rs.getLong("wasted_bytes");
            total[0]++;
            total[1] += wasted;
            String table = postgres ? d.quote(rs.getString("schema_name"), rs.getString("table_name"))
                    : d.quote(rs.getString("table_name"));
            if (kind == CheckKind.TABLE_BLOAT) {
                b.finding(tableFinding(table, rs.getLong("table_bytes"), wasted, postgres));
            } else {
                String index = d.quote(rs.getString("schema_name"), rs.getString("index_name"));
                b.finding(Finding.builder(kind.checkId(), severity(wasted)).object(DbObject.index(index))
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

    /**
     * MariaDB: the InnoDB base tables of the snapshot with at least {@code minBytes} free inside their own tablespace
     * ({@code DATA_FREE}), most first, ties by name, at most {@value #MAX_TABLES}: what {@code table-bloat.sql}
     * selected. Tables in a shared or general tablespace ({@code CREATE_OPTIONS} naming one) report that
     * tablespace's free space and are left out, as are tables whose free space or options the server does not know.
     */
    static List<SchemaTables.Table> wasteful(SchemaTables tables, long minBytes) {
        return tables.tables().stream()
                .filter(t -> t.baseTable() && t.engine().filter(e -> e.equalsIgnoreCase("InnoDB")).isPresent()
                        && t.createOptions().filter(o -> !o.toLowerCase(Locale.ROOT).contains("tablespace"))
                        .isPresent()
                        && t.freeBytes().isPresent() && t.freeBytes().getAsLong() >= minBytes)
                .sorted(Comparator.comparingLong((SchemaTables.Table t) -> t.freeBytes().getAsLong()).reversed())
                .limit(MAX_TABLES).toList();
    }

    private Finding tableFinding(String table, long size, long wasted, boolean postgres) {
        return Finding.builder(kind.checkId(), severity(wasted)).object(DbObject.table(table))
                .message("Table " + table + " holds an estimated " + CheckSupport.bytes(wasted) + " it does "
                        + "not need (of " + CheckSupport.bytes(size) + "): scans read empty space")
                .evidence("table_bytes", size).evidence("wasted_bytes", wasted)
                .fix(postgres
                        ? Fix.advice("let autovacuum keep up (lower autovacuum_vacuum_scale_factor for this "
                                + "table); reclaim the space with pg_repack, or VACUUM FULL " + table
                                + " in a maintenance window (it locks the table)")
                        : Fix.sql("rebuild the table (online on InnoDB)", "OPTIMIZE TABLE " + table))
                .build();
    }

    private Severity severity(long wasted) {
        return CheckSupport.grade(wasted, warn, error).orElse(Severity.WARNING);
    }
}
