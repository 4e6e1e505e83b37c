package io.dbopt.core.doctor;

import io.dbopt.core.finding.ReportSection;

/**
 * One section of {@code dbopt doctor}, contributed by a module through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.dbopt.core.doctor.DoctorSection}).
 *
 * <p>Implementations have a public no-argument constructor, are stateless, and borrow connections from
 * {@link DoctorContext#dataSource()} and close them before returning (the doctor lends the same kept connection to
 * every section and resets it on close: a section leaves no session setting behind that it did not make through
 * JDBC's setters or undo itself). An exception escaping {@link #run} marks the
 * section as failed in the report; other sections still run.
 */
public interface DoctorSection {

    /** The section title, e.g. {@code "Indexes"}. */
    String title();

    /** Sections run and print in ascending order; core's server section is 0, modules use 100 and up. */
    default int order() {
        return 100;
    }

    /** Whether this section applies to the context's database (e.g. a PostgreSQL-only check). */
    default boolean appliesTo(DoctorContext context) {
        return true;
    }

    /**
     * Whether this section may run at the same time as its neighbours in order that may too, each on a connection of
     * its own, when the doctor runs sections in parallel ({@link Doctor.Builder#parallelism(int)}). Say so only for a
     * section that neither looks at other sessions (their number, state or locks: the doctor's second connection
     * would show there) nor changes what another section reads (statistics counters that executing statements
     * bump); by default false: the section runs alone.
     */
    default boolean runsAlongside(DoctorContext context) {
        return false;
    }

    /** Runs the analysis. */
    ReportSection run(DoctorContext context) throws Exception;
}
