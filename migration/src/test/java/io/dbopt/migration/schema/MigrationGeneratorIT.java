package io.dbopt.migration.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.Dialect;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.util.List;
import org.junit.jupiter.api.Timeout;

@DbTest
class MigrationGeneratorIT {

    static String[] desiredSchema(TestDialect which) {
        if (which == TestDialect.POSTGRESQL) {
            return new String[] {
                "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(200) NOT NULL, "
                        + "created_at timestamptz NOT NULL DEFAULT now(), CONSTRAINT users_email_uq UNIQUE (email))",
                "CREATE TABLE projects (id serial PRIMARY KEY, owner_id bigint NOT NULL REFERENCES users (id) "
                        + "ON DELETE CASCADE, name text NOT NULL, budget numeric(12,2) DEFAULT 0, "
                        + "status varchar(20) NOT NULL DEFAULT 'open', CONSTRAINT budget_positive CHECK (budget >= 0))",
                "CREATE INDEX projects_owner_idx ON projects (owner_id)",
                "CREATE INDEX projects_open_idx ON projects (name) WHERE status = 'open'",
                "CREATE SEQUENCE invoice_numbers",
                "CREATE VIEW open_projects AS SELECT id, name FROM projects WHERE status = 'open'"};
        }
        return new String[] {
            "CREATE TABLE users (id bigint AUTO_INCREMENT PRIMARY KEY, email varchar(200) NOT NULL, "
                    + "created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE KEY users_email_uq (email))",
            "CREATE TABLE projects (id int AUTO_INCREMENT PRIMARY KEY, owner_id bigint NOT NULL, name varchar(100) NOT NULL, "
                    + "budget decimal(12,2) DEFAULT 0, status varchar(20) NOT NULL DEFAULT 'open', "
                    + "CONSTRAINT budget_positive CHECK (budget >= 0), "
                    + "CONSTRAINT projects_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE)",
            "CREATE INDEX projects_name_idx ON projects (name(20))",
            "CREATE SEQUENCE invoice_numbers",
            "CREATE VIEW open_projects AS SELECT id, name FROM projects WHERE status = 'open'"};
    }

    static String[] liveSchema(TestDialect which) {
        if (which == TestDialect.POSTGRESQL) {
            return new String[] {
                "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(100), legacy int)",
                "CREATE INDEX users_legacy_idx ON users (legacy)",
                "CREATE TABLE audit (id int PRIMARY KEY)"};
        }
        return new String[] {
            "CREATE TABLE users (id bigint AUTO_INCREMENT PRIMARY KEY, email varchar(100), legacy int)",
            "CREATE INDEX users_legacy_idx ON users (legacy)",
            "CREATE TABLE audit (id int PRIMARY KEY)"};
    }

    @DialectTest
    @Timeout(90)
    void generatedMigrationReachesTheDesiredSchemaAndItsUndoComesBack(TestDatabase live, Dialect dialect,
                                                                      TestDialect which) {
        live.execute(liveSchema(which));
        try (TestDatabase desired = TestDatabases.create(which, "generator desired")) {
            desired.execute(desiredSchema(which));
            SchemaReader reader = SchemaReader.of(dialect);
            SchemaSnapshot before = reader.read(live.dataSource());
            SchemaSnapshot target = reader.read(desired.dataSource());

            GeneratedMigration migration = MigrationGenerator.of(dialect).generate(before, target);
            assertThat(migration.warnings()).anyMatch(w -> w.contains("audit removed"))
                    .anyMatch(w -> w.contains("legacy removed"));
            assertThat(migration.script()).anyMatch(s -> s.startsWith("CREATE TABLE projects"))
                    .anyMatch(s -> s.startsWith("DROP TABLE audit"));
            live.execute(migration.script().toArray(String[]::new));
            assertThat(SchemaDiff.between(reader.read(live.dataSource()), withSchema(target, before.schema())).describe())
                    .isEmpty();

            live.execute(migration.undo().toArray(String[]::new));
            assertThat(SchemaDiff.between(reader.read(live.dataSource()), before).describe()).isEmpty();
        }
    }

    @DialectTest
    void snapshotSurvivesJsonRoundTrip(TestDatabase db, Dialect dialect, TestDialect which) {
        try (TestDatabase other = TestDatabases.create(which, "json roundtrip")) {
            other.execute(desiredSchema(which));
            SchemaSnapshot snapshot = SchemaReader.of(dialect).read(other.dataSource());
            assertThat(snapshot.tables()).extracting(TableSchema::name).containsExactly("projects", "users");
            assertThat(SchemaSnapshot.fromJson(snapshot.toJson())).isEqualTo(snapshot);
        }
    }

    private static SchemaSnapshot withSchema(SchemaSnapshot s, String schema) {
        return new SchemaSnapshot(s.dialect(), schema, s.tables(), s.views(), List.copyOf(s.sequences()));
    }
}
