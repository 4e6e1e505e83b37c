package io.dbopt.index;

import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.query.QueryProfiler;

/**
 * The doctor's "Indexes" section: every index finding with its fix SQL, and recommendations for the workload the
 * context carries ({@link Workload}, {@link WorkloadSource} or {@link QueryProfiler} attachment), else for the
 * server's statement statistics. Registered through {@code META-INF/services}; stateless.
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

    @Override
    public ReportSection run(DoctorContext context) {
        IndexOptions options = IndexOptions.defaults().toBuilder().statementTimeout(context.statementTimeout()).build();
        IndexManager.Builder builder = IndexManager.builder(context.dataSource()).options(options);
        context.attachment(Workload.class).ifPresentOrElse(builder::workload,
                () -> context.attachment(WorkloadSource.class).or(() -> context.attachment(QueryProfiler.class)
                        .map(ProfilerWorkload::from)).ifPresent(builder::workloadSource));
        return builder.build().analyze().toSection(title());
    }
}
