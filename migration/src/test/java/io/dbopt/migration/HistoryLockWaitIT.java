package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbopt.core.DbOptException;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.history.HistoryLock;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A migrator or rollback waiting for a history lock another session holds gives up after lockWait. */
@DbTest
@Timeout(90)
class HistoryLockWaitIT {

    @DialectTest
    void waitersGiveUpAfterLockWaitWithALockTimeout(TestDatabase db, @TempDir Path dir) throws Exception {
        Path folder = Scripts.write(dir, "core", "V1__a.sql", "CREATE TABLE lock_a (id int PRIMARY KEY);");
        MigrationFramework framework = MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder("core").location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(2)).lockWait(Duration.ofSeconds(2)).load();
        framework.migrate();
        Scripts.write(dir, "core", "V2__b.sql", "CREATE TABLE lock_b (id int PRIMARY KEY);");

        try (Connection holder = db.connection()) {
            String schema = Jdbc.queryFirst(holder, framework.dialect().currentSchemaQuery(), rs -> rs.getString(1))
                    .orElseThrow();
            try (HistoryLock lock = HistoryLock.acquire(holder, framework.dialect(), schema,
                    framework.set("core").historyTable(), Duration.ofSeconds(5))) {
                long t0 = System.nanoTime();
                DbOptException migrate = catchThrowableOfType(DbOptException.class, framework::migrate);
                Duration migrateTook = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(migrate).isNotNull();
                assertThat(migrate.errorCode()).isEqualTo(MigrationErrorCode.LOCK_TIMEOUT);
                assertThat(migrate.getMessage()).contains("core").contains("lock");
                assertThat(migrateTook).isLessThan(Duration.ofSeconds(30));

                t0 = System.nanoTime();
                DbOptException rollback = catchThrowableOfType(DbOptException.class,
                        () -> framework.rollback("core", RollbackTarget.count(1)));
                assertThat(rollback.errorCode()).isEqualTo(MigrationErrorCode.LOCK_TIMEOUT);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
            }
        }
        assertThat(framework.migrate().appliedCount()).isEqualTo(1);
    }
}
