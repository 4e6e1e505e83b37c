package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** On MariaDB, a half-applied migration whose effects compensation cannot undo is reported as not restored. */
@DbTest
@Timeout(60)
class CompensationLimitsIT {

    @DialectTest(TestDialect.MARIADB)
    void anEffectCompensationCannotUndoIsReportedNotHidden(TestDatabase db, @TempDir Path dir) {
        Path folder = Scripts.write(dir, "core", "V1__with_procedure.sql", """
                CREATE TABLE comp_items (id int PRIMARY KEY);
                CREATE PROCEDURE comp_touch() SELECT 1;
                INSERT INTO comp_missing VALUES (1);
                """);
        MigrationFramework framework = Scripts.single(db, "core", folder, Duration.ofSeconds(5));

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, framework::migrate);

        assertThat(failed).isNotNull();
        assertThat(failed.failure().statementsApplied()).isEqualTo(2);
        assertThat(failed.failure().restored()).as(failed.getMessage()).isFalse();
        assertThat(failed.errorCode()).isEqualTo(MigrationErrorCode.PARTIALLY_APPLIED);
        assertThat(failed.failure().remainingDifferences()).anyMatch(d -> d.contains("comp_touch")
                || d.contains("CREATE PROCEDURE"));
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'comp_items'")).as("what could be undone was").isZero();
    }
}
