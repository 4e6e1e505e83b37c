package io.dbopt.cli;

import io.dbopt.cli.console.ConsoleMode;
import io.dbopt.cli.demo.DemoLoader;
import io.dbopt.cli.demo.DemoServer;
import io.dbopt.cli.demo.DemoWorkload;
import io.dbopt.cli.progress.ConsoleProgress;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.FindingsReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dbopt doctor}: runs every analysis on the class path against a database and prints what to fix. Without
 * {@code --url} it starts an embedded PostgreSQL, loads the demo application and examines that.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Runs every analysis against a database and prints what to fix.",
            "Without --url, starts an embedded PostgreSQL with the demo application and examines it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on",
            "2:invalid command line", "3:the database could not be reached or a statement failed"})
final class DoctorCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = "--statement-timeout", defaultValue = "30s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Longest any single catalog query may run (default: ${DEFAULT-VALUE}).")
    Duration statementTimeout = Duration.ofSeconds(30);

    @Option(names = "--fix-script", paramLabel = "FILE",
            description = "Also write every SQL fix as one ordered migration script to FILE: drops before creates, "
                    + "online DDL, a lock timeout and a comment per step.")
    java.nio.file.Path fixScript;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the report as one self-contained HTML page to FILE (charts, filters, fixes "
                    + "with a copy button), whatever --format prints.")
    java.nio.file.Path html;

    @Option(names = "--fix-lock-timeout", defaultValue = "5s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long each step of the fix script waits for its lock (default: ${DEFAULT-VALUE}).")
    Duration fixLockTimeout = Duration.ofSeconds(5);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private java.util.List<io.dbopt.core.finding.Suppression> suppressions = java.util.List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            suppressions = report.suppressions(); // bad suppressions fail before anything starts
            FindingsReport result = connection.url().isPresent() ? examine(err) : examineDemo(err);
            report.print(result, out);
            if (html != null) {
                write(html, result.toHtml(), "HTML report", err);
            }
            if (fixScript != null) {
                writeFixScript(result, err);
            }
            return report.exitCode(result);
        } catch (DbOptException e) {
            err.println("dbopt doctor: " + Redaction.redactText(e.getMessage()));
            return ExitCodes.DATABASE;
        } catch (IllegalArgumentException e) {
            err.println("dbopt doctor: " + Redaction.redactText(e.getMessage()));
            return ExitCodes.USAGE;
        }
    }

    private io.dbopt.core.Dialect dialect;

    private FindingsReport examine(PrintWriter err) {
        DataSource ds = connection.dataSource("dbopt-doctor", err,
                ConnectionOptions.passwordGivenAsValue(spec.commandLine().getParseResult().originalArgs()));
        if (fixScript != null) {
            dialect = io.dbopt.core.DatabaseInfo.detect(ds).dialect();
        }
        DoctorProgress progress = new DoctorProgress(ConsoleProgress.create(err, ConsoleMode.of(spec)));
        FindingsReport result = doctor(ds).progress(progress).build().run();
        progress.finish();
        return result;
    }

    private void writeFixScript(FindingsReport result, PrintWriter err) {
        String script = io.dbopt.core.finding.FixScript.write(report.applySuppressions(result).findings(), dialect,
                fixLockTimeout, "dbopt doctor fix script for " + result.target() + "\ngenerated "
                        + result.generatedAt());
        write(fixScript, script, "fix script", err);
    }

    private void write(java.nio.file.Path file, String text, String what, PrintWriter err) {
        try {
            java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot write the " + what + " to " + file + ": " + e.getMessage()
                    + "; check the directory exists and is writable", e);
        }
        ConsoleProgress.create(err, ConsoleMode.of(spec)).line("dbopt doctor: " + what + " written to " + file);
    }

    private FindingsReport examineDemo(PrintWriter err) {
        ConsoleProgress progress = ConsoleProgress.create(err, ConsoleMode.of(spec));
        long t0 = System.nanoTime();
        progress.line("[demo] no --url given: starting an embedded PostgreSQL with the demo application");
        try (DemoServer server = DemoServer.start()) {
            progress.line(String.format(Locale.ROOT, "[demo] embedded PostgreSQL up in %.1f s",
                    (System.nanoTime() - t0) / 1e9));
            DataSource ds = server.dataSource();
            if (fixScript != null) {
                dialect = io.dbopt.core.DatabaseInfo.detect(ds).dialect();
            }
            new DemoLoader(ds, progress).load();
            try (DemoRun run = DemoRun.start(server)) {
                DemoWorkload.Summary summary = run.summary();
                progress.line(String.format(Locale.ROOT, "[demo] workload through a dbopt pool and the query "
                        + "profiler: %d statements in %d ms", summary.statements(), summary.elapsed().toMillis()));
                DoctorProgress sections = new DoctorProgress(progress);
                Doctor.Builder doctor = doctor(ds).progress(sections);
                run.attachTo(doctor);
                FindingsReport result = doctor.build().run();
                sections.finish();
                progress.line(String.format(Locale.ROOT, "[demo] examined in %.1f s in total",
                        (System.nanoTime() - t0) / 1e9));
                return result;
            }
        }
    }

    private Doctor.Builder doctor(DataSource ds) {
        // two sections at once where they allow it (the index and query sections on PostgreSQL): two connections
        Doctor.Builder builder = Doctor.builder().dataSource(ds).statementTimeout(statementTimeout).parallelism(2);
        suppressions.forEach(builder::suppress);
        return builder;
    }

    /** Parses {@code 30s}, {@code 500ms}, {@code 2m} or a number of seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return io.dbopt.core.config.DbOptConfig.parseDuration("--statement-timeout", value);
        }
    }
}
