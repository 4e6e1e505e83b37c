package io.dbopt.cli.migration;

import io.dbopt.cli.ReportOptions;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.RollbackTarget;
import io.dbopt.migration.RollbackVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dbopt rollback}: undoes migrations of one set with hand-written or generated undo scripts. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Undoes the latest migrations of one set, with its U<version>__*.sql scripts or the undo dbopt "
                + "generated when they were applied; Flyway's history is kept consistent.",
            "With --verify instead, migrates, undoes, compares and migrates again every pending migration of the set."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rolled back (or verified)", "1:--verify found an undo that does not restore the schema",
            "2:invalid command line or unknown set", "3:the database could not be reached or an undo failed"})
public final class RollbackCommand implements Callable<Integer> {

    @Mixin
    MigrationOptions migration = new MigrationOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "SET", description = "The migration set to roll back.")
    String set;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Exactly one of the three. */
    static final class Target {
        @Option(names = "--to", paramLabel = "VERSION", description = "Undo everything after this version (0 for all).")
        String toVersion;

        @Option(names = "--count", paramLabel = "N", description = "Undo the latest N migrations.")
        Integer count;

        @Option(names = "--verify", description = "Round-trip every pending migration of the set instead.")
        boolean verify;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return MigrationCli.run("rollback", spec.commandLine().getOut(), spec.commandLine().getErr(), output,
                ReportOptions.FailOn.ERROR, () -> {
                    DataSource ds = migration.dataSource(spec.commandLine().getErr(),
                            spec.commandLine().getParseResult().originalArgs());
                    MigrationFramework framework = migration.framework(ds);
                    DatabaseInfo info = DatabaseInfo.detect(ds);
                    ReportSection section = target.verify ? verification(framework.verifyRollback(set))
                            : framework.rollback(set, target.toVersion != null ? RollbackTarget.toVersion(target.toVersion)
                            : RollbackTarget.count(target.count)).toSection();
                    return FindingsReport.of("dbopt rollback", info.describe() + " at " + info.redactedUrl(),
                            List.of(section));
                });
    }

    private static ReportSection verification(RollbackVerification v) {
        List<ReportSection.Fact> facts = new ArrayList<>();
        List<io.dbopt.core.finding.Finding> findings = new ArrayList<>();
        for (RollbackVerification.Check c : v.checks()) {
            facts.add(new ReportSection.Fact(v.set() + " V" + c.version(), c.differences().isEmpty()
                    ? "undo restores the schema (" + c.source().name().toLowerCase(java.util.Locale.ROOT) + ")"
                    : "differs: " + String.join("; ", c.differences())));
            if (!c.differences().isEmpty()) {
                findings.add(io.dbopt.core.finding.Finding.builder("migration.undo-incomplete",
                                io.dbopt.core.finding.Severity.ERROR)
                        .object(io.dbopt.core.finding.DbObject.of(io.dbopt.core.finding.ObjectType.MIGRATION,
                                v.set() + ":V" + c.version()))
                        .message("The undo of " + v.set() + " V" + c.version() + " leaves the schema different: "
                                + String.join("; ", c.differences()))
                        .fix(io.dbopt.core.finding.Fix.advice("complete the hand-written U" + c.version() + " script"))
                        .build());
            }
        }
        return ReportSection.of("Rollback verification", facts, findings);
    }
}
