package io.dbopt.bench.doctor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.jdbc.DriverDataSource;
import io.github.mfvanek.pg.connection.PgConnection;
import io.github.mfvanek.pg.connection.PgConnectionImpl;
import io.github.mfvanek.pg.connection.host.PgHostImpl;
import io.github.mfvanek.pg.core.checks.common.DatabaseCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.StandardChecksOnHost;
import io.github.mfvanek.pg.model.context.PgContext;
import io.github.mfvanek.pg.model.dbobject.DbObject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * One cold run of one tool in this JVM, started by {@link DoctorScaleBenchmark} in a fresh JVM per run so that peak
 * memory is this run's: {@code dbopt} runs every doctor section on the class path as {@code dbopt doctor --url} does
 * (a connection per use, 30 s statement timeout, the report rendered as text), each section timed; {@code
 * pg-index-health} runs its {@code StandardChecksOnHost} on schema {@code public} through a HikariCP pool of two,
 * started and warmed before the clock starts (it opens a connection per check otherwise). Prints one line
 * {@code RESULT key=value ...}. The database comes from {@code DBOPT_BENCH_URL}, {@code DBOPT_BENCH_USER} and
 * {@code DBOPT_BENCH_PASSWORD}; with {@code DBOPT_BENCH_REPORT} set, the doctor's report is written to that file as JSON
 * (to compare the findings of two builds on one database); with {@code DBOPT_BENCH_TRACE} set, every statement the
 * doctor prepares is timed on the client (execution and reading its rows) and the statements are listed on standard
 * error by total time, each named by its first line (the first comment line of a SQL resource), to find the slow
 * ones where the server's digest table is full. {@code DBOPT_BENCH_SECTIONS=Indexes} (titles, comma-separated) runs
 * only those sections; the RESULT line also gives each section's CPU time (its thread's, while it ran).
 */
public final class DoctorScaleRun {

    /** As {@code dbopt doctor} runs it (two sections at once where they allow it); DBOPT_BENCH_PARALLELISM=1 not. */
    private static final int PARALLELISM = Integer.parseInt(System.getenv().getOrDefault("DBOPT_BENCH_PARALLELISM",
            "2"));

    /** Only the sections of these titles (comma-separated), to profile one; all when unset. */
    private static final String SECTIONS = System.getenv().getOrDefault("DBOPT_BENCH_SECTIONS", "");

    /** CPU time of each section's thread while it ran, in ms. */
    private static final Map<String, Long> CPU = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    private static long reportChars;

    private DoctorScaleRun() {
    }

    public static void main(String[] args) throws Exception {
        PeakMemory memory = PeakMemory.listen();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        String tool = args.length > 0 ? args[0] : "dbopt";
        String url = System.getenv("DBOPT_BENCH_URL");
        String user = System.getenv("DBOPT_BENCH_USER");
        String password = System.getenv().getOrDefault("DBOPT_BENCH_PASSWORD", "");
        Map<String, Long> sections = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        long start;
        long findings;
        if (tool.equals("pg-index-health")) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(2);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                try (Connection warm = pool.getConnection()) {
                    warm.isValid(5);
                }
                start = System.nanoTime();
                findings = peer(pool, url, sections);
            }
        } else {
            start = System.nanoTime();
            findings = dbopt(url, user, password, sections);
        }
        long elapsed = System.nanoTime() - start;
        StringJoiner parts = new StringJoiner(";");
        sections.forEach((k, v) -> parts.add(k.replaceAll("[ ;=]", "_") + ":" + v));
        StringJoiner cpu = new StringJoiner(";");
        CPU.forEach((k, v) -> cpu.add(k.replaceAll("[ ;=]", "_") + ":" + v));
        System.out.printf(Locale.ROOT, "RESULT tool=%s ms=%d heap=%d live=%d rss=%d gcs=%d findings=%d report=%d "
                + "sections=%s cpu=%s%n",
                tool, elapsed / 1_000_000, memory.peakHeap(), memory.peakAfterGc(), PeakMemory.peakRss(),
                memory.collections(), findings, reportChars, parts, cpu);
    }

    private static long dbopt(String url, String user, String password, Map<String, Long> times) {
        DriverDataSource base = DriverDataSource.of(url).withUser(user).withPassword(password.toCharArray());
        DataSource ds = url.startsWith("jdbc:postgresql:")
                ? base.withProperty("ApplicationName", "dbopt-doctor").withProperty("connectTimeout", "10")
                : base.withProperty("connectTimeout", "10000");
        if (System.getenv("DBOPT_BENCH_TRACE") != null) {
            ds = StatementTrace.wrap(ds);
        }
        List<DoctorSection> timed = new ArrayList<>();
        List<String> only = SECTIONS.isBlank() ? List.of() : List.of(SECTIONS.split("\\s*,\\s*"));
        for (DoctorSection s : Doctor.discoverSections()) {
            if (only.isEmpty() || only.contains(s.title())) {
                timed.add(new Timed(s, times));
            }
        }
        FindingsReport report = Doctor.builder().dataSource(ds).sections(timed).statementTimeout(Duration.ofSeconds(30))
                .parallelism(PARALLELISM).build().run();
        String text = report.toText(); // the command prints it
        String keep = System.getenv("DBOPT_BENCH_REPORT");
        if (keep != null && !keep.isBlank()) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(keep), report.toJson());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot write the report to " + keep, e);
            }
        }
        for (ReportSection section : report.sections()) {
            if (section.isFailed()) {
                System.err.println("section failed: " + section.title() + ": " + section.failure());
            }
        }
        reportChars = text.length();
        StatementTrace.print();
        return report.findings().size();
    }

    private static long peer(DataSource pool, String url, Map<String, Long> times) {
        PgConnection pg = PgConnectionImpl.of(pool, PgHostImpl.ofUrl(url));
        long found = 0;
        PgContext context = PgContext.of("public");
        for (DatabaseCheckOnHost<? extends DbObject> check : new StandardChecksOnHost().apply(pg)) {
            long t = System.nanoTime();
            List<? extends DbObject> objects = check.check(context);
            found += objects.size();
            times.put(check.getName().toLowerCase(Locale.ROOT), (System.nanoTime() - t) / 1_000_000);
        }
        return found;
    }

    /** A section that records how long it ran. */
    private record Timed(DoctorSection section, Map<String, Long> times) implements DoctorSection {
        @Override
        public String title() {
            return section.title();
        }

        @Override
        public int order() {
            return section.order();
        }

        @Override
        public boolean runsAlongside(DoctorContext context) {
            return section.runsAlongside(context);
        }

        @Override
        public boolean appliesTo(DoctorContext context) {
            return section.appliesTo(context);
        }

        @Override
        public ReportSection run(DoctorContext context) throws Exception {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            try {
                return section.run(context);
            } finally {
                times.put(section.title(), (System.nanoTime() - t) / 1_000_000);
                CPU.put(section.title(), (threads.getCurrentThreadCpuTime() - c) / 1_000_000);
            }
        }
    }
}
