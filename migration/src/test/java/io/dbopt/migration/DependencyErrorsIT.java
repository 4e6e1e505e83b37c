package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Reliability test 5 on real databases: planning errors name the sets, and nothing runs. */
@DbTest
class DependencyErrorsIT {

    @DialectTest
    void cycleMissingAndUnknownSetsFailBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
        Path core = Scripts.write(dir, "core", "V1__a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);");
        Path documents = Scripts.write(dir, "documents", "V1__d.sql", "CREATE TABLE d (id bigint PRIMARY KEY);",
                "V2__e.sql", "CREATE TABLE e (id bigint PRIMARY KEY);");
        Path projects = Scripts.write(dir, "projects", "V1__p.sql", "CREATE TABLE p (id bigint PRIMARY KEY);");

        MigrationFramework cyclic = MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder("core").location("filesystem:" + core).build())
                .set(MigrationSet.builder("documents").location("filesystem:" + documents).requires("projects", "1").build())
                .set(MigrationSet.builder("projects").location("filesystem:" + projects).requires("documents", "2").build())
                .load();
        assertThatThrownBy(cyclic::migrate).isInstanceOf(DbOptException.class)
                .hasMessageContaining("documents, projects require each other in a cycle: "
                        + "documents:1..2 -> projects:1 -> documents:1");
        assertThat(cyclic.validate().findings()).extracting(Finding::check).extracting(Object::toString)
                .contains("migration.dependency");

        MigrationFramework missing = MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder("core").location("filesystem:" + core).build())
                .set(MigrationSet.builder("projects").location("filesystem:" + projects).requires("core", "4").build())
                .load();
        assertThatThrownBy(missing::plan).hasMessageContaining("projects requires core:4, but core has no migration V4");

        MigrationFramework unknown = MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder("projects").location("filesystem:" + projects).requires("reports", "1").build())
                .load();
        assertThatThrownBy(unknown::migrate).hasMessageContaining("projects requires set 'reports', which is not registered");
        assertThatThrownBy(() -> unknown.rollback("reports", RollbackTarget.count(1)))
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(MigrationErrorCode.UNKNOWN_SET))
                .hasMessage("There is no migration set 'reports'; the registered sets are projects");

        assertThat(db.queryLong(db.dialect().product() == io.dbopt.core.DatabaseProduct.POSTGRESQL
                ? "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('a', 'd', 'e', 'p')"
                : "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME IN ('a', 'd', 'e', 'p')")).isZero();
    }
}
