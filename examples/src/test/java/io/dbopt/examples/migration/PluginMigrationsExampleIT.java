package io.dbopt.examples.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Severity;
import io.dbopt.migration.AppliedMigration;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;

@DbTest
class PluginMigrationsExampleIT {

    @DialectTest
    void migratesVerifiesRollsBackAndMigratesAgain(TestDatabase db) {
        PluginMigrationsExample.Result r = PluginMigrationsExample.run(db.dataSource());

        assertThat(r.lint().hasFindingsAtLeast(Severity.WARNING)).isFalse();
        assertThat(r.plan().steps()).extracting(s -> s.set()).containsExactly("core", "projects", "documents",
                "handoffs");
        assertThat(r.migrated().applied()).hasSize(7).allMatch(AppliedMigration::undoComplete);
        assertThat(r.verification().findings()).isEmpty();
        assertThat(r.data().passed()).isTrue();
        assertThat(r.rollback().undone()).singleElement().satisfies(u -> assertThat(u.verified()).isTrue());
        assertThat(r.remigrated().applied()).extracting(a -> a.set() + ":" + a.version()).containsExactly("handoffs:1");
    }
}
