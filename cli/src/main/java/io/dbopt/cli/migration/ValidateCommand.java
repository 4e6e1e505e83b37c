package io.dbopt.cli.migration;

import io.dbopt.cli.ReportOptions;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.verify.MigrationVerification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dbopt validate}: Flyway validation, requirements, lint of pending scripts, and optional verification. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks applied migrations against their scripts (checksums, failures), the requirements "
                + "between sets and the lint rules on pending scripts.",
            "With --expected-schema, also compares the live schema with a snapshot and looks for orphaned rows "
                + "and unvalidated constraints."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on",
            "2:invalid command line or migration sets", "3:the database could not be reached"})
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    MigrationOptions migration = new MigrationOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @Option(names = "--expected-schema", paramLabel = "FILE",
            description = "A schema snapshot (JSON, as SchemaSnapshot.toJson() writes it) the database must match.")
    Path expectedSchema;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return MigrationCli.run("validate", spec.commandLine().getOut(), spec.commandLine().getErr(), output,
                ReportOptions.FailOn.NEVER, () -> {
                    DataSource ds = migration.dataSource(spec.commandLine().getErr(),
                            spec.commandLine().getParseResult().originalArgs());
                    MigrationFramework framework = migration.framework(ds);
                    FindingsReport report = framework.validate();
                    if (expectedSchema == null) {
                        return report;
                    }
                    List<ReportSection> sections = new ArrayList<>(report.sections());
                    sections.add(MigrationVerification.builder(ds).expectedSchema(read(expectedSchema)).build().run());
                    return FindingsReport.of(report.title(), report.target(), sections);
                });
    }

    private static SchemaSnapshot read(Path file) {
        try {
            return SchemaSnapshot.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the expected schema " + file, e);
        }
    }
}
