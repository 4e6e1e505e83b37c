package io.dbopt.core.doctor;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Suppression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link DoctorSection} against one database and collects the result into a {@link FindingsReport}.
 *
 * <pre>{@code
 * FindingsReport report = Doctor.builder().dataSource(ds).build().run();
 * log.info(report.toText());
 * }</pre>
 *
 * Sections are discovered with {@link ServiceLoader} unless given explicitly. A section that throws is reported as
 * failed (message redacted) and the others still run. One run keeps one connection of the data source open and lends
 * it to every section in turn (reset between them; a section that asks for a second one at the same time gets a
 * connection of its own), so the server builds its session caches once per run. With {@link Builder#parallelism(int)}
 * above 1, neighbouring sections that {@linkplain DoctorSection#runsAlongside(DoctorContext) may run alongside} each
 * other run at the same time, each on a kept connection of its own (the report keeps the sections' order; the extra
 * connections are closed before the next section that runs alone). Immutable and thread-safe after
 * {@link Builder#build()}; runs of one doctor share nothing.
 */
public final class Doctor {

    private static final Logger LOG = LoggerFactory.getLogger(Doctor.class);
    private static final int VALIDATION_SECONDS = 5;

    private final DataSource dataSource;
    private final List<DoctorSection> sections;
    private final List<Suppression> suppressions;
    private final Duration statementTimeout;
    private final Map<Class<?>, Object> attachments;
    private final Progress progress;
    private final int parallelism;

    /**
     * Told as the doctor works through its sections, e.g. to draw a progress bar; called on the running thread (for
     * sections that run in parallel, for each of them in order just before they start).
     */
    @FunctionalInterface
    public interface Progress {
        /**
         * Section {@code title} is about to run.
         *
         * @param index its position among the sections that apply, from 1
         * @param total how many sections apply
         */
        void sectionStarted(String title, int index, int total);
    }

    private Doctor(Builder b) {
        this.dataSource = b.dataSource;
        this.sections = List.copyOf(b.sections);
        this.suppressions = List.copyOf(b.suppressions);
        this.statementTimeout = b.statementTimeout;
        this.attachments = Map.copyOf(b.attachments);
        this.progress = b.progress;
        this.parallelism = b.parallelism;
    }

    /** Starts a doctor configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The sections found on the class path, in order. */
    public static List<DoctorSection> discoverSections() {
        List<DoctorSection> found = new ArrayList<>();
        ServiceLoader.load(DoctorSection.class, Doctor.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparingInt(DoctorSection::order).thenComparing(DoctorSection::title));
        return found;
    }

    /** The sections this doctor runs, in order. */
    public List<DoctorSection> sections() {
        return sections;
    }

    /**
     * Detects the database and runs every applicable section.
     *
     * @throws io.dbopt.core.DbOptException when the database cannot be reached or is not supported
     */
    public FindingsReport run() {
        try (RunConnections connections = new RunConnections(dataSource, parallelism)) {
            FindingsReport report = run(connections);
            LOG.debug("doctor - {}", connections.usage());
            return report;
        }
    }

    private FindingsReport run(RunConnections connections) {
        DatabaseInfo info = DatabaseInfo.detect(connections);
        // one read of MariaDB's information_schema.TABLES per run, shared by the sections that need it
        DoctorContext context = new DoctorContext(connections, info, statementTimeout, attachments,
                SchemaTables.Source.shared());
        List<DoctorSection> applicable = new ArrayList<>();
        for (DoctorSection section : sections) {
            if (section.appliesTo(context)) {
                applicable.add(section);
            } else {
                LOG.debug("doctor - section {} does not apply to {}", section.title(), info.dialect());
            }
        }
        SectionRuns runs = new SectionRuns(context, connections, progress, applicable.size(), VALIDATION_SECONDS);
        List<ReportSection> results = new ArrayList<>();
        for (List<DoctorSection> group : groups(applicable, context)) {
            if (!runs.run(group, results)) {
                break; // interrupted
            }
        }
        return FindingsReport.of("dbopt doctor", info.describe() + " at " + info.redactedUrl(), results)
                .applying(suppressions);
    }

    /**
     * Neighbouring sections that may run alongside each other form groups of at most {@link #parallelism} sections;
     * every other section is alone.
     */
    private List<List<DoctorSection>> groups(List<DoctorSection> applicable, DoctorContext context) {
        List<List<DoctorSection>> groups = new ArrayList<>();
        boolean open = false;
        for (DoctorSection section : applicable) {
            boolean alongside = parallelism > 1 && section.runsAlongside(context);
            if (alongside && open && groups.get(groups.size() - 1).size() < parallelism) {
                groups.get(groups.size() - 1).add(section);
            } else {
                groups.add(new ArrayList<>(List.of(section)));
            }
            open = alongside;
        }
        return groups;
    }

    /** Configures a {@link Doctor}; not thread-safe. */
    public static final class Builder {
        private DataSource dataSource;
        private List<DoctorSection> sections;
        private final List<Suppression> suppressions = new ArrayList<>();
        private Duration statementTimeout = Duration.ofSeconds(30);
        private final Map<Class<?>, Object> attachments = new LinkedHashMap<>();
        private Progress progress = (title, index, total) -> { };
        private int parallelism = 1;

        private Builder() {
        }

        /** Told before each section runs (a progress bar, a log line); by default nobody. */
        public Builder progress(Progress value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** The database to examine (required). */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /** Runs exactly these sections instead of the discovered ones. */
        public Builder sections(List<DoctorSection> value) {
            this.sections = new ArrayList<>(value);
            return this;
        }

        /** Removes findings the suppression covers. */
        public Builder suppress(Suppression suppression) {
            suppressions.add(Objects.requireNonNull(suppression, "suppression"));
            return this;
        }

        /** The longest a single catalog query may run; default 30 s. */
        public Builder statementTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("statementTimeout must be positive, was " + value);
            }
            this.statementTimeout = value;
            return this;
        }

        /**
         * How many sections may run at the same time, each on a connection of its own, among neighbouring sections
         * that {@linkplain DoctorSection#runsAlongside(DoctorContext) may run alongside} each other; default 1 (one
         * section after the other on one connection). The command line runs the doctor with 2.
         */
        public Builder parallelism(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, was " + value);
            }
            this.parallelism = value;
            return this;
        }

        /** Hands a typed value to the sections (see {@link DoctorContext#attachment(Class)}). */
        public <T> Builder attach(Class<T> type, T value) {
            attachments.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Builds the doctor; fails when no data source was given. */
        public Doctor build() {
            if (dataSource == null) {
                throw new IllegalStateException("Doctor needs a dataSource(...)");
            }
            Builder copy = new Builder();
            copy.dataSource = dataSource;
            copy.sections = sections == null ? discoverSections() : new ArrayList<>(sections);
            copy.suppressions.addAll(suppressions);
            copy.statementTimeout = statementTimeout;
            copy.attachments.putAll(attachments);
            copy.progress = progress;
            copy.parallelism = parallelism;
            return new Doctor(copy);
        }
    }
}
