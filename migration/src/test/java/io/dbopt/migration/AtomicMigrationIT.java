package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** Reliability test 1: a three-statement migration whose third statement fails. */
@DbTest
class AtomicMigrationIT {

    @DialectTest
    void failingThirdStatementLeavesSchemaAndHistoryAsBefore(TestDatabase db, TestDialect which, @TempDir Path dir) {
        Path folder = Scripts.write(dir, "core",
                "V1__base.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, name varchar(50));",
                "V2__three_statements.sql", """
                        CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint);
                        ALTER TABLE accounts ADD COLUMN balance numeric(12,2);
                        INSERT INTO no_such_table VALUES (1);
                        """);
        MigrationFramework framework = Scripts.single(db, "core", folder, Duration.ofSeconds(5));
        framework.migrate("core", "1");
        SchemaSnapshot before = framework.snapshot();

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, framework::migrate);

        FailedMigration f = failed.failure();
        assertThat(f.version()).isEqualTo("2");
        assertThat(f.failedLine()).isEqualTo(3);
        assertThat(failed.errorKind()).contains(io.dbopt.core.ErrorKind.UNDEFINED_OBJECT);
        if (which == TestDialect.POSTGRESQL) {
            assertThat(f.transactional()).isTrue();
            assertThat(f.wasPartiallyApplied()).isFalse();
            assertThat(failed.getMessage()).contains("rolled back: schema and history are unchanged");
        } else {
            assertThat(f.transactional()).isFalse();
            assertThat(f.wasPartiallyApplied()).isTrue();
            assertThat(f.statementsApplied()).isEqualTo(2);
            assertThat(f.compensation()).containsExactly("ALTER TABLE accounts DROP COLUMN balance", "DROP TABLE invoices");
            assertThat(f.restored()).isTrue();
            assertThat(f.historyCleaned()).isTrue();
            assertThat(failed.getMessage()).contains("partially applied (2 statements committed before the failure)")
                    .contains("restored by 2 compensating statements (schema verified equal to before)");
        }
        assertThat(SchemaDiff.between(framework.snapshot(), before).describe()).isEmpty();
        assertThat(framework.info().set("core").revisions()).extracting(r -> r.version() + " " + r.state())
                .containsExactly("1 APPLIED", "2 PENDING");

        Scripts.write(dir, "core", "V2__three_statements.sql", """
                CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint);
                ALTER TABLE accounts ADD COLUMN balance numeric(12,2);
                INSERT INTO accounts (id, name) VALUES (1, 'fixed');
                """);
        assertThat(framework.migrate().appliedCount()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM accounts")).isEqualTo(1);
    }
}
