package io.dbopt.index.doctor;

import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.finding.Chart;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The index section's charts: the largest tables of the schema with their index sizes, and the space the reported
 * indexes would free if the fixes that drop them were applied (their {@code index_bytes} evidence). On MariaDB the
 * table sizes come from the run's {@linkplain DoctorContext#tables() shared read} of {@code information_schema.TABLES}
 * (the Health section reads the same snapshot), elsewhere from {@code table-sizes.sql}. Stateless.
 */
final class SizeCharts {

    /** How many tables the "largest tables" chart shows at most. */
    static final int TABLE_BARS = 10;

    /** How many indexes the "could be freed" chart shows at most. */
    static final int FREED_BARS = 15;

    private SizeCharts() {
    }

    static List<Chart> of(DoctorContext context, List<Finding> findings) throws SQLException {
        List<Chart> charts = new ArrayList<>();
        String schema = context.info().currentSchema();
        if (!schema.isEmpty()) {
            charts.add(tables(context, schema));
        }
        charts.add(freed(findings));
        return charts;
    }

    private static Chart tables(DoctorContext context, String schema) throws SQLException {
        List<Row> rows;
        try (Connection c = context.dataSource().getConnection()) {
            rows = SchemaTables.supported(context.dialect()) ? largest(context.tables().tables(c,
                    context.statementTimeout(), context.dialect(), schema))
                    : Jdbc.query(c, context.statementTimeout(), SqlResource.load("index", context.dialect(),
                    "table-sizes"), rs -> new Row(rs.getString("table_name"), rs.getLong("table_bytes"),
                    rs.getLong("index_bytes")), schema);
        }
        List<Chart.Bar> bars = rows.stream().map(r -> new Chart.Bar(r.table(), r.tableBytes() + r.indexBytes(),
                "data " + bytes(r.tableBytes()) + ", indexes " + bytes(r.indexBytes()))).toList();
        return Chart.bars("Largest tables in " + schema, "Table data plus all its indexes, as the server's "
                + "catalog reports them now; the note splits the two.", Chart.Unit.BYTES, bars);
    }

    /** One bar of the largest tables. */
    record Row(String table, long tableBytes, long indexBytes) {
    }

    /**
     * MariaDB: the {@value #TABLE_BARS} largest base tables of the run's snapshot, data plus indexes, ties by name in
     * the server's order (the snapshot's; a stable sort keeps it), as the query did.
     */
    static List<Row> largest(SchemaTables tables) {
        return tables.tables().stream().filter(SchemaTables.Table::baseTable)
                .map(t -> new Row(t.name(), t.dataBytes(), t.indexBytes()))
                .sorted(Comparator.comparingLong((Row r) -> r.tableBytes() + r.indexBytes()).reversed())
                .limit(TABLE_BARS).toList();
    }

    private static Chart freed(List<Finding> findings) {
        List<Chart.Bar> bars = new ArrayList<>();
        for (Finding f : findings) {
            Object size = f.evidenceValue("index_bytes").orElse(0L);
            if (f.fix().dropsIndex() && size instanceof Number n && n.longValue() > 0) {
                bars.add(new Chart.Bar(f.object().name(), n.doubleValue(), f.check().value()));
            }
        }
        bars.sort(Comparator.comparingDouble(Chart.Bar::value).reversed());
        double total = bars.stream().mapToDouble(Chart.Bar::value).sum();
        List<Chart.Bar> shown = bars.subList(0, Math.min(FREED_BARS, bars.size()));
        return Chart.bars("What the index fixes could free", "Size of each index a fix of this section drops "
                + "(unused, duplicate, redundant and similar), " + bytes(total) + " in all"
                + (bars.size() > shown.size() ? "; the largest " + shown.size() + " of " + bars.size() + " shown"
                : "") + ".", Chart.Unit.BYTES, shown);
    }

    private static String bytes(double value) {
        return Chart.Unit.BYTES.format(value);
    }
}
