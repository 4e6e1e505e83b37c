package io.dbopt.examples.migration;

import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.DriverDataSource;
import io.dbopt.migration.MigrateReport;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.MigrationPlan;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.RollbackReport;
import io.dbopt.migration.RollbackTarget;
import io.dbopt.migration.data.DataValidation;
import io.dbopt.migration.data.ValidationResult;
import io.dbopt.migration.lint.LintResult;
import io.dbopt.migration.verify.MigrationVerification;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * dbopt-migration in one page: the seed's plugin layout (core, projects, documents, handoffs) as four migration
 * sets that require each other, linted, planned, migrated, verified, its data validated, rolled back and migrated
 * again. Each set keeps its scripts per server under
 * {@code io/dbopt/examples/migration/plugins/<set>/<postgresql|mariadb>/} on the class path.
 *
 * <pre>
 * java -cp ... io.dbopt.examples.migration.PluginMigrationsExample jdbc:postgresql://127.0.0.1:5432/app postgres ""
 * </pre>
 */
public final class PluginMigrationsExample {

    private static final String ROOT = "classpath:io/dbopt/examples/migration/plugins/";

    private PluginMigrationsExample() {
    }

    /**
     * What the example did.
     *
     * @param lint the lint of every script before anything ran
     * @param plan the plan migrate followed
     * @param migrated the first migrate
     * @param verification schema, orphan and constraint checks after it
     * @param data the data rules after it
     * @param rollback the rollback of the handoffs plugin
     * @param remigrated the migrate after the rollback
     */
    public record Result(LintResult lint, MigrationPlan plan, MigrateReport migrated, ReportSection verification,
                         ValidationResult data, RollbackReport rollback, MigrateReport remigrated) {
    }

    /** The four plugin sets and their requirements, for the database behind {@code dataSource}. */
    public static MigrationFramework framework(DataSource dataSource) {
        return MigrationFramework.configure()
                .dataSource(dataSource)
                .set(MigrationSet.builder("core").location(ROOT + "core/{dialect}").build())
                .set(MigrationSet.builder("projects").location(ROOT + "projects/{dialect}")
                        .requires("core", "2").build())
                .set(MigrationSet.builder("documents").location(ROOT + "documents/{dialect}")
                        .requires("core", "1").requires("projects", "1").build())
                .set(MigrationSet.builder("handoffs").location(ROOT + "handoffs/{dialect}")
                        .requires("documents", "1").build())
                .lockTimeout(Duration.ofSeconds(5))          // a blocked DDL fails fast instead of queueing writes
                .lintGate(Severity.ERROR)                    // refuse to run scripts with unsafe DDL
                .load();
    }

    /** Runs the example; the user needs CREATE TABLE in the database. */
    public static Result run(DataSource dataSource) {
        MigrationFramework migrations = framework(dataSource);

        LintResult lint = migrations.lint();                  // before anything runs
        MigrationPlan plan = migrations.plan();               // core -> projects -> documents -> handoffs
        MigrateReport migrated = migrations.migrate();        // each migration all-or-nothing

        ReportSection verification = MigrationVerification.builder(dataSource).build().run();
        ValidationResult data = DataValidation.builder()
                .unique("users", "email")
                .referential("documents", "project_id", "projects", "id")
                .predicate("handoffs", "no handoff to oneself", "from_user_id <> to_user_id")
                .build()
                .validate(dataSource);

        RollbackReport rollback = migrations.rollback("handoffs", RollbackTarget.toVersion("0"));
        MigrateReport remigrated = migrations.migrate();
        return new Result(lint, plan, migrated, verification, data, rollback, remigrated);
    }

    /** Runs the example against {@code <jdbc-url> <user> <password>} and prints what it did. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: PluginMigrationsExample <jdbc-url> [user] [password]");
            System.exit(2);
        }
        DriverDataSource ds = DriverDataSource.of(args[0]).withUser(args.length > 1 ? args[1] : null)
                .withPassword(args.length > 2 ? args[2].toCharArray() : null);
        Result r = run(ds);
        System.out.println(String.join("\n", r.plan().describe()));
        System.out.println("applied " + r.migrated().appliedCount() + ", rolled back " + r.rollback().undone().size()
                + ", re-applied " + r.remigrated().appliedCount() + ", data rules hold: " + r.data().passed());
    }
}
