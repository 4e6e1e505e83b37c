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
import io.dbopt.migration.lint.TransactionModel;
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
        description = {"Lints the migration scripts under a directory (undo scripts U*.sql excepted) for unsafe DDL: "
            + "every rule of squawk and strong_migrations, with findings at file:line:column.",
            "Without --url it needs --dialect (and --server-version); with --url it also uses the live schema's "
                + "version, table sizes, indexes and constraints."},
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

    @Option(names = "--server-version", paramLabel = "VERSION",
            description = {"The server version the scripts will run on, e.g. 16, 14.2, 10.11 (default: from --url, else "
                + "PostgreSQL 15 / MariaDB 10.11).", "What is safe on that version is not flagged (constant defaults "
                + "since PostgreSQL 11, instant ADD COLUMN since MariaDB 10.3, ...)."})
    String serverVersion;

    @Option(names = "--transactions", paramLabel = "MODEL",
            description = {"How the runner wraps a script in transactions: per-file (Flyway: one file, one "
                + "transaction; the default) or none (each statement on its own, as psql -f or golang-migrate).",
                "The script's own BEGIN/COMMIT are followed in both."})
    String transactions;

    @Option(names = "--assume-in-transaction", negatable = true,
            description = "squawk's spelling: --assume-in-transaction is --transactions per-file, "
                    + "--no-assume-in-transaction is --transactions none.")
    Boolean assumeInTransaction;

    @Option(names = "--disable", paramLabel = "RULE", description = "Turn a rule off everywhere. Repeatable.")
    List<String> disabled = new ArrayList<>();

    @Option(names = "--enable", paramLabel = "RULE",
            description = "Turn on an opt-in rule (table-schema). Repeatable.")
    List<String> enabled = new ArrayList<>();

    @Option(names = "--rules", description = "List every rule with its reason, safe alternative and the squawk rules "
            + "and strong_migrations checks it covers, and exit.")
    boolean listRules;

    @Option(names = "--assume-lock-timeout",
            description = "The scripts run through dbopt migrate, which sets a lock timeout for every migration.")
    boolean assumeLockTimeout;

    @Option(names = "--assume-statement-timeout",
            description = "The runner sets a statement timeout for every migration.")
    boolean assumeStatementTimeout;

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
            if (serverVersion != null) {
                throw new IllegalArgumentException("Give --url or --server-version, not both: with --url the version "
                        + "is the server's");
            }
            DataSource ds = migration.dataSource(spec.commandLine().getErr(),
                    spec.commandLine().getParseResult().originalArgs());
            target = DatabaseInfo.detect(ds).dialect();
            validator = MigrationValidator.builder(target).schema(SchemaReader.of(target).read(ds));
        } else {
            boolean mariaDb = dialect == Target.MARIADB;
            ServerVersion version = serverVersion == null
                    ? mariaDb ? ServerVersion.of(10, 11, 0) : ServerVersion.of(15, 0, 0) : version(serverVersion);
            target = Dialect.of(mariaDb ? DatabaseProduct.MARIADB : DatabaseProduct.POSTGRESQL, version);
            validator = MigrationValidator.builder(target);
        }
        disabled.forEach(validator::disable);
        enabled.forEach(validator::enable);
        validator.assumeLockTimeout(assumeLockTimeout).assumeStatementTimeout(assumeStatementTimeout)
                .transactions(transactionModel());
        LintResult result = validator.build().lintDirectory(directory);
        return FindingsReport.of("dbopt lint", directory + " (" + target.product().displayName() + " "
                + target.version() + ")", List.of(result.toSection("Lint")));
    }

    private TransactionModel transactionModel() {
        TransactionModel fromFlag = assumeInTransaction == null ? null
                : assumeInTransaction ? TransactionModel.PER_FILE : TransactionModel.NONE;
        TransactionModel fromOption = null;
        if (transactions != null) {
            fromOption = switch (transactions.toLowerCase(java.util.Locale.ROOT)) {
                case "per-file", "per_file" -> TransactionModel.PER_FILE;
                case "none" -> TransactionModel.NONE;
                default -> throw new IllegalArgumentException("--transactions '" + transactions
                        + "' is not a transaction model: use per-file or none");
            };
        }
        if (fromFlag != null && fromOption != null && fromFlag != fromOption) {
            throw new IllegalArgumentException("--transactions " + transactions + " contradicts --"
                    + (assumeInTransaction ? "" : "no-") + "assume-in-transaction: give one of them");
        }
        return fromOption != null ? fromOption : fromFlag != null ? fromFlag : TransactionModel.PER_FILE;
    }

    /** {@code 16}, {@code 14.2}, {@code 10.11.6}. */
    private static ServerVersion version(String text) {
        if (!text.matches("\\d+(\\.\\d+){0,2}")) {
            throw new IllegalArgumentException("--server-version '" + text + "' is not a version: write it as 16, 14.2 "
                    + "or 10.11.6");
        }
        String[] parts = text.split("\\.");
        return ServerVersion.of(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
                parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
    }

    private static FindingsReport rules() {
        List<ReportSection.Fact> facts = new ArrayList<>();
        for (RuleInfo r : MigrationValidator.rules()) {
            String where = r.postgres() && r.mariaDb() ? "both" : r.postgres() ? "PostgreSQL" : "MariaDB";
            String peers = (r.squawk().isEmpty() ? "" : "; squawk: " + String.join(", ", r.squawk()))
                    + (r.strongMigrations().isEmpty() ? "" : "; strong_migrations: "
                    + String.join(", ", r.strongMigrations()));
            facts.add(new ReportSection.Fact(r.id(), r.severity() + ", " + where + (r.optIn() ? ", opt-in" : "")
                    + ": " + r.reason() + ". Instead: " + r.safeAlternative() + peers + " (" + r.docs() + ")"));
        }
        return FindingsReport.of("dbopt lint rules", "every rule", List.of(ReportSection.of("Rules", facts, List.of())));
    }
}
