package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.lint.LintResult;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import org.junit.jupiter.api.Timeout;

/** Reliability test 6: the seed's plugin layout migrates, lints, verifies, rolls back and re-migrates. */
@DbTest
class PluginLayoutIT {

    static MigrationFramework plugins(TestDatabase db) {
        return MigrationFramework.configure()
                .dataSource(db.dataSource())
                .sets(MigrationSet.builder("core").location("classpath:db/plugins/core/{dialect}").build(),
                        MigrationSet.builder("projects").location("classpath:db/plugins/projects/{dialect}")
                                .requires("core", "2").build(),
                        MigrationSet.builder("documents").location("classpath:db/plugins/documents/{dialect}")
                                .requires("core", "1").requires("projects", "1").build(),
                        MigrationSet.builder("handoffs").location("classpath:db/plugins/handoffs/{dialect}")
                                .requires("documents", "1").build())
                .lockTimeout(java.time.Duration.ofSeconds(5))
                .load();
    }

    @DialectTest
    @Timeout(120)
    void pluginSetsMigrateLintVerifyRollBackAndMigrateAgain(TestDatabase db) {
        MigrationFramework framework = plugins(db);

        MigrationPlan plan = framework.plan();
        assertThat(plan.describe()).containsExactly(
                "1. core -> 2: V1__users.sql, V2__teams.sql",
                "2. projects -> 2: V1__projects.sql, V2__project_archived.sql",
                "3. documents -> 2: V1__documents.sql, V2__document_title_index.sql",
                "4. handoffs -> 1: V1__handoffs.sql");

        LintResult lint = framework.lint();
        assertThat(lint.findings()).filteredOn(f -> f.severity().isAtLeast(Severity.WARNING)).isEmpty();

        MigrateReport first = framework.migrate();
        assertThat(first.applied()).extracting(a -> a.set() + ":" + a.version())
                .containsExactly("core:1", "core:2", "projects:1", "projects:2", "documents:1", "documents:2",
                        "handoffs:1");
        assertThat(first.applied()).allMatch(AppliedMigration::undoComplete);
        assertThat(framework.info().hasPending()).isFalse();
        assertThat(framework.validate().countAtLeast(Severity.WARNING)).isZero();
        SchemaSnapshot migrated = framework.snapshot();
        assertThat(migrated.tables()).extracting(t -> t.name()).containsExactly("documents", "handoffs", "projects",
                "team_members", "teams", "users");

        assertThatThrownBy(() -> framework.rollback("core", RollbackTarget.toVersion("1")))
                .isInstanceOf(DbOptException.class)
                .hasMessageContaining("projects requires")
                .satisfies(e -> assertThat(((DbOptException) e).errorCode())
                        .isEqualTo(MigrationErrorCode.DEPENDENT_SET_APPLIED));

        RollbackReport handoffs = framework.rollback("handoffs", RollbackTarget.toVersion("0"));
        RollbackReport documents = framework.rollback("documents", RollbackTarget.count(2));
        RollbackReport projects = framework.rollback("projects", RollbackTarget.toVersion("0"));
        RollbackReport core = framework.rollback("core", RollbackTarget.toVersion("0"));
        assertThat(handoffs.undone()).extracting(UndoneMigration::version).containsExactly("1");
        assertThat(documents.undone()).extracting(UndoneMigration::version).containsExactly("2", "1");
        assertThat(core.undone()).extracting(u -> u.version() + " " + u.source())
                .containsExactly("2 HAND_WRITTEN", "1 GENERATED");
        assertThat(projects.undone()).allMatch(UndoneMigration::verified);
        assertThat(core.undone()).allMatch(UndoneMigration::verified);
        assertThat(framework.snapshot().tables()).isEmpty();
        assertThat(framework.info().sets()).allMatch(s -> s.currentVersion().isEmpty());

        MigrateReport again = framework.migrate();
        assertThat(again.appliedCount()).isEqualTo(7);
        assertThat(SchemaDiff.between(framework.snapshot(), migrated).describe()).isEmpty();
    }
}
