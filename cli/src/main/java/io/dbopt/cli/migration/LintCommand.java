package io.dbopt.cli.migration;

import io.dbopt.cli.ReportOptions;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.lint.LintResult;
import io.dbopt.migration.lint.MigrationValidator;
import io.dbopt.migration.lint.RuleInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dbopt lint <dir>}: checks migration scripts for DDL that locks or rewrites tables, loses data or breaks
 * running code, and fails the build on findings at or above {@code --fail-on} (default: error).
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Lints the migration scripts under a directory (undo scripts U*.sql excepted) for unsafe DDL.",
            "Without --url it needs --dialect; with --url it also uses the live schema's table sizes and indexes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on (default: error)",
            "2:invalid command line or directory", "3:the database given with --url could not be reached"})
public final class LintCommand implements Callable<Integer> {

    /** Dialects scripts can be written for. */
    public enum Target {
        /** PostgreSQL 12+. */
        POSTGRESQL,
        /** MariaDB 10.5+. */
        MARIADB
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Directory of migration scripts.")
    Path directory;

    @Option(names = "--dialect", paramLabel = "DIALECT",
            description = "The server the scripts are for: ${COMPLETION-CANDIDATES} (default: from --url, else postgresql).")
    Target dialect;

    @Option(names = "--disable", paramLabel = "RULE", description = "Turn a rule off everywhere. Repeatable.")
    List<String> disabled = new ArrayList<>();

    @Option(names = "--rules", description = "List every rule with its reason and safe alternative, and exit.")
    boolean listRules;

    @Option(names = "--assume-lock-timeout",
            description = "The scripts run through dbopt migrate, which sets a lock timeout for every migration.")
    boolean assumeLockTimeout;

    @Mixin
    MigrationOptions migration = new MigrationOptions();

    @Mixin
    ReportOptions output = new ReportOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return MigrationCli.run("lint", spec.commandLine().getOut(), spec.commandLine().getErr(), output,
                ReportOptions.FailOn.ERROR, () -> listRules ? rules() : lint());
    }

    private FindingsReport lint() {
        if (directory == null) {
            throw new IllegalArgumentException("Give the directory of the migration scripts: dbopt lint db/migration");
        }
        Dialect target;
        MigrationValidator.Builder validator;
        if (migration.url().isPresent()) {
            DataSource ds = migration.dataSource(spec.commandLine().getErr(),
                    spec.commandLine().getParseResult().originalArgs());
            target = DatabaseInfo.detect(ds).dialect();
            validator = MigrationValidator.builder(target).schema(SchemaReader.of(target).read(ds));
        } else {
            target = dialect == Target.MARIADB ? Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0))
                    : Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
            validator = MigrationValidator.builder(target);
        }
        disabled.forEach(validator::disable);
        validator.assumeLockTimeout(assumeLockTimeout);
        LintResult result = validator.build().lintDirectory(directory);
        return FindingsReport.of("dbopt lint", directory + " (" + target.product().displayName() + ")",
                List.of(result.toSection("Lint")));
    }

    private static FindingsReport rules() {
        List<ReportSection.Fact> facts = new ArrayList<>();
        for (RuleInfo r : MigrationValidator.rules()) {
            String where = r.postgres() && r.mariaDb() ? "both" : r.postgres() ? "PostgreSQL" : "MariaDB";
            facts.add(new ReportSection.Fact(r.id(), r.severity() + ", " + where + ": " + r.reason()
                    + ". Instead: " + r.safeAlternative()));
        }
        return FindingsReport.of("dbopt lint rules", "every rule", List.of(ReportSection.of("Rules", facts, List.of())));
    }
}
