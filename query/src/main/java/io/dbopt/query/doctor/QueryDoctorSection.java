package io.dbopt.query.doctor;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.query.QueryProfiler;

/**
 * The doctor's "Queries" section: the server's top statements ({@code pg_stat_statements}, MariaDB digests), and
 * when a {@link QueryProfiler} is attached ({@code Doctor.builder().attach(QueryProfiler.class, profiler)}) its N+1
 * patterns with call sites, top and slow fingerprints; then plan insights for the heaviest statements and rewrite
 * advice. Check ids: {@code query.n-plus-one}, {@code query.batched-loading}, {@code query.repeated-query}, {@code query.top-profiled},
 * {@code query.slow}, {@code query.errors}, {@code query.top-server}, {@code query.server-no-index},
 * {@code query.server-temp-spill}, {@code query.server-statistics-unavailable}, {@code query.plan-*},
 * {@code query.rewrite-*}. Stateless; discovered through {@link java.util.ServiceLoader}.
 */
public final class QueryDoctorSection implements DoctorSection {

    @Override
    public String title() {
        return "Queries";
    }

    @Override
    public int order() {
        return 300;
    }

    /**
     * On PostgreSQL without a profiler attached, yes: the section reads pg_stat_statements and plans statements with
     * EXPLAIN (nothing runs). With a profiler its heaviest statements run under EXPLAIN ANALYZE, bumping the scan
     * counters the index checks read; on MariaDB, EXPLAIN may execute derived tables and read constant tables.
     */
    @Override
    public boolean runsAlongside(DoctorContext context) {
        return context.dialect() instanceof PostgresDialect && context.attachment(QueryProfiler.class).isEmpty();
    }

    @Override
    public ReportSection run(DoctorContext context) {
        return QueryReport.build(title(), context.dataSource(), context.dialect(), context.statementTimeout(),
                context.attachment(QueryProfiler.class));
    }
}
