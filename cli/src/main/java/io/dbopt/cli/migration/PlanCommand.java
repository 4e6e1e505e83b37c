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

/** {@code dbopt plan}: the pending migrations in the order migrate would run them. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Shows the pending migrations of all sets in dependency order, as the steps migrate will run.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:invalid command line, unknown set, missing dependency or cycle",
            "3:the database could not be reached"})
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    MigrationOptions migration = new MigrationOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return MigrationCli.run("plan", spec.commandLine().getOut(), spec.commandLine().getErr(), output,
                ReportOptions.FailOn.NEVER, () -> {
                    DataSource ds = migration.dataSource(spec.commandLine().getErr(),
                            spec.commandLine().getParseResult().originalArgs());
                    MigrationFramework framework = migration.framework(ds);
                    DatabaseInfo info = DatabaseInfo.detect(ds);
                    return FindingsReport.of("dbopt plan", info.describe() + " at " + info.redactedUrl(),
                            List.of(framework.plan().toSection()));
                });
    }
}
