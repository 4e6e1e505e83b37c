package io.dbopt.bulk.doctor;

import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.ReportSection.Fact;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The doctor's "Bulk operations" section: whether the data source's connections batch INSERTs (pgjdbc
 * {@code reWriteBatchedInserts}, MariaDB Connector/J bulk statements or rewriting), and tables holding many dead rows
 * after large deletes or updates (PostgreSQL {@code n_dead_tup}, MariaDB {@code DATA_FREE}) that need
 * {@code VACUUM} or {@code OPTIMIZE TABLE}. Stateless.
 */
public final class BulkDoctorSection implements DoctorSection {

    /** PostgreSQL tables with at least this many dead rows... */
    static final long DEAD_ROWS_MIN = 10_000;
    /** ...and at least this share of their live rows are reported. */
    static final double DEAD_SHARE_MIN = 0.2;
    /** MariaDB tables with at least this much free space... */
    static final long FREE_BYTES_MIN = 64L << 20;
    /** ...and at least this share of their size are reported. */
    static final double FREE_SHARE_MIN = 0.2;

    @Override
    public String title() {
        return "Bulk operations";
    }

    @Override
    public int order() {
        return 700;
    }

    @Override
    public ReportSection run(DoctorContext context) throws Exception {
        List<Fact> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        boolean pg = context.dialect().resourceFolder().equals("postgresql");
        try (Connection c = context.dataSource().getConnection()) {
            BatchSettings.of(c, pg).ifPresent(batching -> {
                facts.add(new Fact("batched INSERTs", batching.describe()));
                if (!batching.batches()) {
                    findings.add(batching.finding());
                }
            });
            String sql = SqlResource.load("bulk", context.dialect(), "dead_rows");
            List<Finding> dead = pg
                    ? Jdbc.query(c, context.statementTimeout(), sql, rs -> deadRows(rs.getString(1), rs.getLong(2),
                            rs.getLong(3)), DEAD_ROWS_MIN, DEAD_SHARE_MIN)
                    : Jdbc.query(c, context.statementTimeout(), sql, rs -> freeSpace(context,
                            rs.getString(1), rs.getLong(2), rs.getLong(3)), FREE_BYTES_MIN, FREE_SHARE_MIN);
            findings.addAll(dead);
            facts.add(new Fact(pg ? "tables with many dead rows" : "tables with much free space",
                    Integer.toString(dead.size())));
        }
        return ReportSection.of(title(), facts, findings);
    }

    private static Finding deadRows(String quotedTable, long live, long dead) {
        return Finding.builder("bulk.dead-rows", Severity.WARNING)
                .object(DbObject.table(quotedTable))
                .message(String.format(Locale.ROOT, "%s holds %,d dead rows for %,d live ones (after large deletes "
                        + "or updates): they slow scans until vacuum reclaims them", quotedTable, dead, live))
                .evidence("n_dead_tup", dead)
                .evidence("n_live_tup", live)
                .fix(Fix.sql("vacuum the table now (and check why autovacuum has not)", "VACUUM (ANALYZE) "
                        + quotedTable))
                .build();
    }

    private static Finding freeSpace(DoctorContext context, String table, long size, long free) {
        String quoted = context.dialect().quote(table);
        return Finding.builder("bulk.dead-rows", Severity.WARNING)
                .object(DbObject.table(table))
                .message(String.format(Locale.ROOT, "%s has %,d MB free inside its %,d MB (after large deletes): "
                        + "rebuild it to give the space back", table, free >> 20, size >> 20))
                .evidence("data_free_bytes", free)
                .evidence("size_bytes", size)
                .fix(Fix.sql("rebuild the table online (InnoDB)", "OPTIMIZE TABLE " + quoted))
                .build();
    }
}
