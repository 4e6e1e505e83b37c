package io.dbopt.spring.migration;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.MigrateReport;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.lint.LintResult;
import io.dbopt.spring.DbOptProperties;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * What the application's startup does with its migrations: lints every script of every set and stops the startup
 * when a finding reaches {@code dbopt.migration.fail-on} (the others are logged at WARN), then, with
 * {@code dbopt.migration.mode=migrate}, applies the pending migrations. Runs once, when the bean is initialised, and
 * before Spring Boot's Flyway initializer when that runs.
 */
public final class StartupMigrations implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(StartupMigrations.class);

    private final MigrationFramework migrations;
    private final DbOptProperties.Migration settings;
    private volatile LintResult lint = LintResult.empty();

    public StartupMigrations(MigrationFramework migrations, DbOptProperties.Migration settings) {
        this.migrations = Objects.requireNonNull(migrations, "migrations");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Lints, then migrates when asked to.
     *
     * @throws DbOptException with {@link MigrationErrorCode#LINT_FAILED} naming the findings at or above the
     *     threshold
     */
    @Override
    public void afterPropertiesSet() {
        if (settings.isLintOnStartup()) {
            lint = migrations.lint();
            check(lint, settings.getFailOn());
        }
        if (settings.getMode() == DbOptProperties.MigrationMode.MIGRATE) {
            MigrateReport report = migrations.migrate();
            LOG.info("dbopt-migration - applied {} migration(s) of sets {}", report.appliedCount(),
                    migrations.setNames());
        }
    }

    /** The lint on startup; empty before it ran or when it is off. */
    public LintResult lint() {
        return lint;
    }

    static void check(LintResult result, Severity failOn) {
        List<Finding> blocking = result.findings().stream().filter(f -> f.severity().compareTo(failOn) >= 0)
                .toList();
        result.findings().stream().filter(f -> f.severity().compareTo(failOn) < 0).forEach(f ->
                LOG.warn("dbopt-migration - {} {} {}: {}", f.severity(), f.check().value(), f.object(),
                        Redaction.redactText(f.message())));
        LOG.info("dbopt-migration - linted {} script(s), {} statement(s): {} finding(s), {} at {} or above",
                result.scripts(), result.statements(), result.findings().size(), blocking.size(), failOn);
        if (!blocking.isEmpty()) {
            throw new DbOptException(MigrationErrorCode.LINT_FAILED, "The migration lint found " + blocking.size()
                    + " problem(s) at " + failOn + " or above, so the application does not start:\n"
                    + blocking.stream().map(f -> "  " + f.severity() + " " + f.check().value() + " " + f.object()
                            + ": " + Redaction.redactText(f.message())).collect(Collectors.joining("\n"))
                    + "\nFix the scripts, or raise dbopt.migration.fail-on, or switch the check off with "
                    + "dbopt.migration.lint-on-startup=false");
        }
    }
}
