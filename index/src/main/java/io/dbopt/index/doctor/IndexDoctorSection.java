package io.dbopt.index.doctor;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.index.IndexManager;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.ProfilerWorkload;
import io.dbopt.index.Workload;
import io.dbopt.index.WorkloadSource;
import io.dbopt.query.QueryProfiler;

/**
 * The doctor's "Indexes" section: every index finding with its fix SQL, and recommendations for the workload the
 * context carries ({@link Workload}, {@link WorkloadSource} or {@link QueryProfiler} attachment), else for the
 * server's statement statistics; charts of the largest tables and of what the fixes that drop indexes would free. The
 * {@code index.*} settings of a {@link DbOptConfig} attachment apply; the doctor's
 * statement timeout wins over {@code index.statement_timeout}. On MariaDB the checks and the size chart take
 * {@code information_schema.TABLES} from the run's shared read ({@link DoctorContext#tables()}). Registered through {@code META-INF/services};
 * stateless.
 */
public final class IndexDoctorSection implements DoctorSection {

    /** Creates the section (called by {@link java.util.ServiceLoader}). */
    public IndexDoctorSection() {
        // stateless
    }

    @Override
    public String title() {
        return "Indexes";
    }

    @Override
    public int order() {
        return 400;
    }

    /**
     * On PostgreSQL, yes: the section only reads the catalog and statistics and plans statements with EXPLAIN
     * (hypothetical indexes are the session's own). On MariaDB it runs alone.
     */
    @Override
    public boolean runsAlongside(DoctorContext context) {
        return context.dialect() instanceof PostgresDialect;
    }

    @Override
    public ReportSection run(DoctorContext context) throws java.sql.SQLException {
        IndexOptions.Builder options = IndexOptions.builder();
        context.attachment(DbOptConfig.class).ifPresent(options::config);
        IndexManager.Builder builder = IndexManager.builder(context.dataSource())
                .options(options.statementTimeout(context.statementTimeout()).build())
                .schemaTables(context.tables());
        context.attachment(Workload.class).ifPresentOrElse(builder::workload,
                () -> context.attachment(WorkloadSource.class).or(() -> context.attachment(QueryProfiler.class)
                        .map(ProfilerWorkload::from)).ifPresent(builder::workloadSource));
        try (IndexManager manager = builder.build()) {
            ReportSection section = manager.analyze().toSection(title());
            return section.withCharts(SizeCharts.of(context, section.findings()));
        }
    }
}
