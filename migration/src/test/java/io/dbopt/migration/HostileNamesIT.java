package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.InvalidIdentifierException;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.ColumnSchema;
import io.dbopt.migration.schema.GeneratedMigration;
import io.dbopt.migration.schema.MigrationGenerator;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.TableSchema;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-name list (quotes, backticks, {@code ;--}, a {@code DROP TABLE} payload, {@code $$}, newline, unicode,
 * reserved words, names at the server's length limit) as table and column names through the migration module's DDL
 * builders: the schema-diff generator and its undo, generated rollback scripts, MariaDB compensation and the kept-row
 * restore. A canary table survives every case; names the server cannot hold are refused with a typed error.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileNamesIT {

    private static final String CANARY = "canary";

    /** Names every server can hold, used as table name and as column name of that table. */
    static List<String> hostile(TestDatabase db) {
        List<String> names = new ArrayList<>(List.of("it's", "say \"hi\"", "back`tick", "x;--",
                "x; DROP TABLE canary; --", "$$ SELECT 1 $$", "$tag$x", "new\nline", "ünï©ødé 表", "select", "order",
                "a\\b", "/* c */"));
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            // MariaDB identifiers hold the Basic Multilingual Plane only (see serverRefusals)
            names.add("emoji \uD83D\uDE00");
        }
        int limit = db.dialect().maxIdentifierLength();
        names.add(ofLength(db, limit - 1));
        names.add(ofLength(db, limit));
        return names;
    }

    /** A name of {@code n} units of the server's limit: ASCII bytes on PostgreSQL, two-byte characters on MariaDB. */
    static String ofLength(TestDatabase db, int n) {
        return "n" + (db.testDialect() == TestDialect.POSTGRESQL ? "x" : "é").repeat(n - 1);
    }

    @DialectTest
    void generatedMigrationAndItsUndoRunWithEveryHostileName(TestDatabase db) {
        Dialect d = db.dialect();
        reset(db);
        db.execute(canaryScript().split(";\n"));
        List<String> names = hostile(db);
        StringBuilder wide = new StringBuilder("CREATE TABLE " + d.quote("wide") + " (id int PRIMARY KEY");
        for (String name : names) {
            db.execute(create(d, name), "INSERT INTO " + d.quote(name) + " VALUES (1, 7)");
            wide.append(", ").append(d.quote(name)).append(" int");
        }
        db.execute(wide.append(")").toString());
        SchemaReader reader = SchemaReader.of(d);
        SchemaSnapshot full = reader.read(db.dataSource());
        List<TableSchema> kept = new ArrayList<>();
        for (TableSchema t : full.tables()) {
            if (t.name().equals(CANARY)) {
                kept.add(t);
            } else if (t.name().equals("wide")) {
                List<ColumnSchema> idOnly = t.columns().stream().filter(c -> c.name().equals("id")).toList();
                kept.add(new TableSchema(t.name(), idOnly, t.indexes(), t.constraints(), t.estimatedRows()));
            }
        }
        SchemaSnapshot desired = new SchemaSnapshot(full.dialect(), full.schema(), kept, full.views(),
                full.sequences());

        GeneratedMigration m = MigrationGenerator.of(d).generate(full, desired);
        m.script().forEach(db::execute);

        assertThat(SchemaDiff.between(reader.read(db.dataSource()), desired).describe()).as(m.scriptText()).isEmpty();
        assertCanary(db);

        m.undo().forEach(db::execute);

        assertThat(SchemaDiff.between(reader.read(db.dataSource()), full).describe()).as(m.undoText()).isEmpty();
        assertCanary(db);
    }

    @DialectTest
    void rollbackScriptsUndoHostileTablesAndColumns(TestDatabase db, @TempDir Path dir) {
        Dialect d = db.dialect();
        reset(db);
        StringBuilder v2 = new StringBuilder();
        for (String name : hostile(db)) {
            v2.append("CREATE TABLE ").append(d.quote(name)).append(" (id int PRIMARY KEY);\n")
                    .append("ALTER TABLE ").append(d.quote(name)).append(" ADD COLUMN ").append(d.quote(name))
                    .append(" int;\n");
        }
        Path folder = Scripts.write(dir, "undo", "V1__canary.sql", canaryScript(), "V2__hostile.sql", v2.toString());
        MigrationFramework framework = Scripts.single(db, "undo", folder, Duration.ofSeconds(5));
        framework.migrate("undo", "1");
        SchemaSnapshot afterV1 = framework.snapshot();

        MigrateReport report = framework.migrate();
        assertThat(report.applied()).singleElement().satisfies(a -> assertThat(a.undoComplete()).isTrue());
        assertThat(framework.snapshot().tables()).hasSize(hostile(db).size() + 1);

        RollbackReport rollback = framework.rollback("undo", RollbackTarget.toVersion("1"));

        assertThat(rollback.undone()).singleElement().satisfies(u -> assertThat(u.verified()).isTrue());
        assertThat(SchemaDiff.between(framework.snapshot(), afterV1).describe()).isEmpty();
        assertCanary(db);
    }

    @DialectTest(TestDialect.MARIADB)
    void compensationUndoesAHalfAppliedMigrationOnHostileNames(TestDatabase db, @TempDir Path dir) {
        Dialect d = db.dialect();
        reset(db);
        StringBuilder v2 = new StringBuilder();
        for (String name : hostile(db)) {
            v2.append("CREATE TABLE ").append(d.quote(name)).append(" (id int PRIMARY KEY);\n")
                    .append("ALTER TABLE ").append(d.quote(name)).append(" ADD COLUMN ").append(d.quote(name))
                    .append(" int;\n");
        }
        v2.append("INSERT INTO no_such_table VALUES (1);\n");
        Path folder = Scripts.write(dir, "comp", "V1__canary.sql", canaryScript(), "V2__hostile.sql", v2.toString());
        MigrationFramework framework = Scripts.single(db, "comp", folder, Duration.ofSeconds(5));
        framework.migrate("comp", "1");
        SchemaSnapshot afterV1 = framework.snapshot();

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, framework::migrate);

        assertThat(failed).isNotNull();
        assertThat(failed.failure().wasPartiallyApplied()).isTrue();
        assertThat(failed.failure().restored()).as(failed.getMessage()).isTrue();
        assertThat(SchemaDiff.between(framework.snapshot(), afterV1).describe()).isEmpty();
        assertCanary(db);
    }

    @DialectTest
    void keptRowsComeBackIntoHostileColumnsAndTables(TestDatabase db, @TempDir Path dir) throws SQLException {
        Dialect d = db.dialect();
        reset(db);
        List<String> names = hostile(db);
        StringBuilder v1 = new StringBuilder(canaryScript());
        StringBuilder v2 = new StringBuilder();
        StringBuilder v3 = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String q = d.quote(names.get(i));
            v1.append(create(d, names.get(i))).append(";\n")
                    .append("INSERT INTO ").append(q).append(" VALUES (1, ").append(i).append("), (2, NULL);\n");
            v2.append("ALTER TABLE ").append(q).append(" DROP COLUMN ").append(q).append(";\n");
            v3.append("DROP TABLE ").append(q).append(";\n");
        }
        Path folder = Scripts.write(dir, "keep", "V1__hostile.sql", v1.toString(), "V2__drop_columns.sql",
                v2.toString(), "V3__drop_tables.sql", v3.toString());
        MigrationFramework framework = MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder("keep").location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(5)).lockWait(Duration.ofSeconds(60)).preserveData(100).load();
        framework.migrate("keep", "1");
        SchemaSnapshot afterV1 = framework.snapshot();
        List<List<String>> before = new ArrayList<>();
        for (String name : names) {
            before.add(dump(db, name));
        }

        MigrateReport report = framework.migrate();
        assertThat(report.applied()).allMatch(AppliedMigration::undoComplete);
        assertThat(framework.snapshot().tables()).extracting(TableSchema::name).containsExactly(CANARY);

        RollbackReport rollback = framework.rollback("keep", RollbackTarget.toVersion("1"));

        assertThat(rollback.undone()).allMatch(UndoneMigration::verified);
        assertThat(SchemaDiff.between(framework.snapshot(), afterV1).describe()).isEmpty();
        for (int i = 0; i < names.size(); i++) {
            assertThat(dump(db, names.get(i))).as("rows of %s", names.get(i)).isEqualTo(before.get(i));
        }
        assertCanary(db);
    }

    @DialectTest
    void namesTheServerCannotHoldAreRefusedWithATypedError(TestDatabase db, @TempDir Path dir) {
        Dialect d = db.dialect();
        reset(db);
        db.execute(canaryScript().split(";\n"));
        int limit = d.maxIdentifierLength();
        SchemaSnapshot empty = SchemaReader.of(d).read(db.dataSource());
        // the generator: a desired table or column the server would truncate, or holding NUL, is refused
        for (String name : List.of("nul\0byte", ofLength(db, limit + 1), ofLength(db, limit + 2))) {
            ColumnSchema id = new ColumnSchema("id", "int", false, java.util.Optional.empty(),
                    ColumnSchema.Generation.NONE);
            ColumnSchema col = new ColumnSchema(name, "int", true, java.util.Optional.empty(),
                    ColumnSchema.Generation.NONE);
            for (TableSchema t : List.of(new TableSchema(name, List.of(id), List.of(), List.of(), 0),
                    new TableSchema("t", List.of(id, col), List.of(), List.of(), 0))) {
                List<TableSchema> tables = new ArrayList<>(empty.tables());
                tables.add(t);
                SchemaSnapshot desired = new SchemaSnapshot(empty.dialect(), empty.schema(), tables, empty.views(),
                        empty.sequences());
                Throwable refused = catchThrowable(() -> MigrationGenerator.of(d).generate(empty, desired));
                assertThat(refused).as("name of %d chars", name.length())
                        .isInstanceOf(InvalidIdentifierException.class);
                assertThat(refused.getMessage()).containsAnyOf("NUL", "choose a shorter name");
            }
        }
        // a migration script with a name past the limit: the lint gate refuses it before the server truncates it
        String mark = db.testDialect() == TestDialect.POSTGRESQL ? "\"" : "`";
        Path folder = Scripts.write(dir, "long", "V1__long.sql", "CREATE TABLE "
                + mark + ofLength(db, limit + 1) + mark + " (id int);\n");
        MigrationFramework gated = MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder("long").location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(5)).lockWait(Duration.ofSeconds(60)).lintGate(Severity.ERROR).load();
        DbOptException lint = catchThrowableOfType(DbOptException.class, gated::migrate);
        assertThat(lint).isNotNull();
        assertThat(lint.errorCode()).isEqualTo(MigrationErrorCode.LINT_FAILED);
        assertThat(lint.getMessage()).contains("migration.identifier-too-long");
        if (db.testDialect() == TestDialect.MARIADB) {
            // MariaDB identifiers hold the Basic Multilingual Plane only: the server's refusal is a typed failure
            Path emoji = Scripts.write(dir, "emoji", "V1__emoji.sql", "CREATE TABLE `emoji \uD83D\uDE00` (id int);\n");
            MigrationFailedException refused = catchThrowableOfType(MigrationFailedException.class,
                    Scripts.single(db, "emoji", emoji, Duration.ofSeconds(5))::migrate);
            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).contains("V1__emoji.sql");
        }
        assertThat(SchemaReader.of(d).read(db.dataSource()).tables()).extracting(TableSchema::name)
                .containsExactly(CANARY);
        assertCanary(db);
    }

    private static String create(Dialect d, String name) {
        return "CREATE TABLE " + d.quote(name) + " (id int PRIMARY KEY, " + d.quote(name) + " int)";
    }

    private static String canaryScript() {
        return "CREATE TABLE " + CANARY + " (id int PRIMARY KEY);\nINSERT INTO " + CANARY + " VALUES (1);\n";
    }

    /** Drops every table of the class's database, then creates the canary. */
    private static void reset(TestDatabase db) {
        Dialect d = db.dialect();
        for (TableSchema t : SchemaReader.of(d).excluding(n -> false).read(db.dataSource()).tables()) {
            db.execute("DROP TABLE " + d.quote(t.name()));
        }
        db.execute("DROP TABLE IF EXISTS dbopt_migration_state");
        for (String set : List.of("undo", "comp", "keep", "long", "emoji")) {
            db.execute("DROP TABLE IF EXISTS flyway_schema_history_" + set);
        }
    }

    private static void assertCanary(TestDatabase db) {
        assertThat(db.queryLong("SELECT count(*) FROM " + CANARY)).as("canary").isEqualTo(1);
    }

    private static List<String> dump(TestDatabase db, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + db.dialect().quote(table) + " ORDER BY id")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                java.util.TreeMap<String, String> row = new java.util.TreeMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
