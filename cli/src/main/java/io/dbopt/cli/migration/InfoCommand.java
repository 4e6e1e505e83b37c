package io.dbopt.cli.migration;

import io.dbopt.cli.ReportOptions;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.migration.MigrationFramework;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dbopt info}: what each set has applied, pending, failed or drifted. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Shows, per migration set, what is applied, pending, failed or drifted (changed checksum).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:findings (failed, drifted, missing) at or above --fail-on",
            "2:invalid command line or migration sets", "3:the database could not be reached"})
public final class InfoCommand implements Callable<Integer> {

    @Mixin
    MigrationOptions migration = new MigrationOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return MigrationCli.run("info", spec.commandLine().getOut(), spec.commandLine().getErr(), output,
                ReportOptions.FailOn.NEVER, () -> {
                    DataSource ds = migration.dataSource(spec.commandLine().getErr(),
                            spec.commandLine().getParseResult().originalArgs());
                    MigrationFramework framework = migration.framework(ds);
                    DatabaseInfo info = DatabaseInfo.detect(ds);
                    return FindingsReport.of("dbopt info", info.describe() + " at " + info.redactedUrl(),
                            List.of(framework.info().toSection()));
                });
    }
}
