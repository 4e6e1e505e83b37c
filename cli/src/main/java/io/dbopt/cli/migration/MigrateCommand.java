package io.dbopt.cli.migration;

import io.dbopt.cli.ReportOptions;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.migration.MigrateReport;
import io.dbopt.migration.MigrationFramework;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dbopt migrate}: applies the pending migrations of every set in dependency order. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Applies the pending migrations of every set in dependency order.",
            "Each migration is all-or-nothing: rolled back on PostgreSQL, compensated on MariaDB."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:migrated (or nothing to do)", "1:findings at or above --fail-on",
            "2:invalid command line or migration sets", "3:the database could not be reached or a migration failed"})
public final class MigrateCommand implements Callable<Integer> {

    @Mixin
    MigrationOptions migration = new MigrationOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @Option(names = "--target", paramLabel = "SET:VERSION",
            description = "Stop after this migration (and whatever it requires), e.g. core:2.")
    String target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return MigrationCli.run("migrate", spec.commandLine().getOut(), spec.commandLine().getErr(), output,
                ReportOptions.FailOn.NEVER, () -> {
                    DataSource ds = migration.dataSource(spec.commandLine().getErr(),
                            spec.commandLine().getParseResult().originalArgs());
                    MigrationFramework framework = migration.framework(ds);
                    MigrateReport report;
                    if (target == null) {
                        report = framework.migrate();
                    } else {
                        int colon = target.indexOf(':');
                        if (colon <= 0 || colon == target.length() - 1) {
                            throw new IllegalArgumentException("--target '" + target + "' must be SET:VERSION, e.g. core:2");
                        }
                        report = framework.migrate(target.substring(0, colon), target.substring(colon + 1));
                    }
                    DatabaseInfo info = DatabaseInfo.detect(ds);
                    return FindingsReport.of("dbopt migrate", info.describe() + " at " + info.redactedUrl(),
                            List.of(report.toSection(), framework.info().toSection()));
                });
    }
}
