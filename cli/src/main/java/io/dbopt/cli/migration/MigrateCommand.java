package io.dbopt.cli.migration;

import io.dbopt.cli.ReportOptions;
import io.dbopt.cli.console.ConsoleMode;
import io.dbopt.cli.progress.ConsoleProgress;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.migration.MigrateReport;
import io.dbopt.migration.MigrationFramework;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dbopt migrate}: applies the pending migrations of every set in dependency order, with a progress bar on a
 * terminal (a line per migration otherwise, nothing with {@code --quiet}).
 */
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
                    ConsoleProgress progress = ConsoleProgress.create(spec.commandLine().getErr(),
                            ConsoleMode.of(spec));
                    AtomicReference<ConsoleProgress.Task> task = new AtomicReference<>();
                    MigrationFramework framework = migration.framework(ds, applied -> {
                        String name = applied.set() + " V" + applied.version();
                        task.get().advance(1, name);
                        task.get().plain("[migrate] " + name + " applied (" + applied.statements() + " statements)");
                    });
                    int pending = framework.plan().migrations().size();
                    // with --target only part of the plan runs: the count is known, the total is not
                    task.set(progress.task("[migrate]", target == null ? OptionalLong.of(pending)
                            : OptionalLong.empty()));
                    long start = System.nanoTime();
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
                    task.get().finish(String.format(Locale.ROOT, "[migrate] %d migration(s) applied in %.1f s",
                            task.get().done(), (System.nanoTime() - start) / 1e9));
                    DatabaseInfo info = DatabaseInfo.detect(ds);
                    return FindingsReport.of("dbopt migrate", info.describe() + " at " + info.redactedUrl(),
                            List.of(report.toSection(), framework.info().toSection()));
                });
    }
}
