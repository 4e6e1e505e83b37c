package io.dbopt.migration.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.List;

@DbTest
class VerificationIT {

    @DialectTest
    void schemaValidatorReportsDriftWithTheDdlThatFixesIt(TestDatabase db, Dialect dialect) {
        db.execute("CREATE TABLE sv_items (id bigint PRIMARY KEY, name varchar(20) NOT NULL)");
        SchemaSnapshot expected = SchemaReader.of(dialect).read(db.dataSource());
        db.execute("ALTER TABLE sv_items ADD COLUMN extra int", "CREATE INDEX sv_items_name_idx ON sv_items (name)");
        db.execute(dialect.product() == io.dbopt.core.DatabaseProduct.POSTGRESQL
                ? "ALTER TABLE sv_items ALTER COLUMN name DROP NOT NULL" : "ALTER TABLE sv_items MODIFY name varchar(20) NULL");

        List<Finding> drift = SchemaValidator.of(dialect).validate(db.dataSource(), expected);

        assertThat(drift).extracting(Finding::message).anyMatch(m -> m.contains("column sv_items.extra exists but is not expected"))
                .anyMatch(m -> m.contains("index sv_items_name_idx on sv_items exists but is not expected"))
                .anyMatch(m -> m.contains("column sv_items.name changed: now NOT NULL"));
        assertThat(drift).filteredOn(f -> f.severity() == Severity.ERROR).singleElement()
                .satisfies(f -> assertThat(f.fix().statements()).isNotEmpty());
        drift.stream().flatMap(f -> f.fix().statements().stream()).forEach(db::execute);
        assertThat(SchemaValidator.of(dialect).validate(db.dataSource(), expected)).isEmpty();
    }

    @DialectTest
    void integrityCheckerSeesChangedDataAndOrphans(TestDatabase db, TestDialect which) {
        db.execute("CREATE TABLE ic_parent (id bigint PRIMARY KEY)",
                "CREATE TABLE ic_child (id bigint PRIMARY KEY, parent_id bigint, note varchar(10))",
                "INSERT INTO ic_parent VALUES (1), (2)", "INSERT INTO ic_child VALUES (1, 1, 'a'), (2, 2, NULL)");
        DataIntegrityChecker checker = DataIntegrityChecker.of(db.dataSource());
        List<TableFingerprint> before = checker.fingerprint("ic_parent", "ic_child");
        assertThat(checker.compare(before, checker.fingerprint("ic_parent", "ic_child"))).isEmpty();

        db.execute("UPDATE ic_child SET note = 'b' WHERE id = 2");
        assertThat(checker.compare(before, checker.fingerprint("ic_parent", "ic_child")))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("ic_child changed: 2 rows before, 2 after"));

        if (which == TestDialect.POSTGRESQL) {
            db.execute("INSERT INTO ic_child VALUES (3, 9, 'x')",
                    "ALTER TABLE ic_child ADD CONSTRAINT ic_child_parent_fk FOREIGN KEY (parent_id) REFERENCES ic_parent (id) NOT VALID");
        } else {
            db.execute("SET SESSION foreign_key_checks = 0", "INSERT INTO ic_child VALUES (3, 9, 'x')",
                    "ALTER TABLE ic_child ADD CONSTRAINT ic_child_parent_fk FOREIGN KEY (parent_id) REFERENCES ic_parent (id)");
        }
        assertThat(checker.orphans()).singleElement().satisfies(f -> {
            assertThat(f.check().value()).isEqualTo("migration.orphaned-rows");
            assertThat(f.evidenceValue("orphaned_rows")).contains(1L);
        });
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void constraintValidatorValidatesOnlyWhatNoRowViolates(TestDatabase db) {
        db.execute("CREATE TABLE cv_orders (id bigint PRIMARY KEY, amount int)",
                "INSERT INTO cv_orders VALUES (1, 5), (2, -1)",
                "ALTER TABLE cv_orders ADD CONSTRAINT cv_positive CHECK (amount >= 0) NOT VALID",
                "ALTER TABLE cv_orders ADD CONSTRAINT cv_small CHECK (amount < 100) NOT VALID");
        ConstraintValidator validator = ConstraintValidator.of(db.dataSource());

        assertThat(validator.check()).extracting(c -> c.constraint() + " " + c.status())
                .containsExactlyInAnyOrder("cv_positive VIOLATED", "cv_small VALIDATABLE");
        assertThat(validator.validate(Duration.ofSeconds(2))).extracting(c -> c.constraint() + " " + c.status())
                .containsExactlyInAnyOrder("cv_positive VIOLATED", "cv_small VALIDATED");
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'cv_small' AND convalidated"))
                .isOne();

        ReportSection section = MigrationVerification.builder(db.dataSource()).build().run();
        assertThat(section.findings()).extracting(f -> f.check().value()).contains("migration.constraint-violated");
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void checksumOfALockedTableGivesUpAtItsTimeout(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE ic_locked (id bigint PRIMARY KEY)", "INSERT INTO ic_locked VALUES (1)");
        DataIntegrityChecker checker = DataIntegrityChecker.of(db.dataSource(), java.time.Duration.ofSeconds(2));
        try (java.sql.Connection holder = db.connection()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE ic_locked IN ACCESS EXCLUSIVE MODE");
            }
            long t0 = System.nanoTime();
            io.dbopt.core.DbOptException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.dbopt.core.DbOptException.class, () -> checker.fingerprint("ic_locked"));
            assertThat(e).isNotNull();
            assertThat(e.errorKind()).contains(io.dbopt.core.ErrorKind.STATEMENT_TIMEOUT);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(15));
            holder.rollback();
        }
        assertThat(checker.fingerprint("ic_locked")).singleElement().satisfies(f -> assertThat(f.rows()).isEqualTo(1));
    }
}
