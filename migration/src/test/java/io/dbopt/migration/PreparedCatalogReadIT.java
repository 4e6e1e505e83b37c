package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaSnapshot;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL, the snapshot a migration that alters existing tables reads before it runs (four catalog queries)
 * is planned once per run on Flyway's connection, not before every migration: the server keeps a generic plan of
 * each query across the migrations' DDL. A script that deallocates the session's prepared statements does not break
 * the next migration's read, and a failed migration leaves the next run working.
 */
@DbTest
@Timeout(180)
class PreparedCatalogReadIT {

    private static final int ALTERING = 9;

    @DialectTest(TestDialect.POSTGRESQL)
    void theSnapshotsCatalogQueriesRunOnGenericPlansAcrossTheMigrationsDdl(TestDatabase db, @TempDir Path dir)
            throws SQLException {
        List<String> scripts = new ArrayList<>(List.of("V1__tables.sql", """
                CREATE TABLE pc_a (id bigint PRIMARY KEY, name text NOT NULL, qty int CHECK (qty > 0));
                CREATE TABLE pc_b (id bigint PRIMARY KEY, a_id bigint REFERENCES pc_a (id));
                """));
        for (int i = 2; i < 2 + ALTERING; i++) {
            String table = i % 2 == 0 ? "pc_a" : "pc_b";
            scripts.add("V" + i + "__alter.sql");
            scripts.add("ALTER TABLE " + table + " ADD COLUMN c" + i + " int;\nCREATE INDEX " + table + "_c" + i
                    + "_idx ON " + table + " (c" + i + ");\n");
        }
        Path folder = Scripts.write(dir, "core", scripts.toArray(String[]::new));
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        KeptConnections kept = new KeptConnections(db.dataSource());
        try {
            MigrationFramework framework = framework(kept.dataSource(), folder, "core");

            assertThat(framework.migrate().appliedCount()).isEqualTo(1 + ALTERING);

            // per catalog query that runs on a cached plan: [generic plans, custom plans]; the driver's own prepared
            // statements of the multi-statement read (the old way) are closed after every ALTER TABLE and count 0
            List<long[]> plans = new ArrayList<>();
            for (Connection c : kept.physical) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT generic_plans, "
                        + "custom_plans FROM pg_prepared_statements WHERE statement LIKE '%relname = ANY%'")) {
                    while (rs.next()) {
                        plans.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            // the four queries (tables, columns, indexes, constraints) each run on one generic plan
            assertThat(plans.stream().filter(p -> p[0] > 0).count()).isGreaterThanOrEqualTo(4);
            assertThat(plans.stream().filter(p -> p[0] > 0)).allSatisfy(p -> assertThat(p[0]).isEqualTo(ALTERING));
            // the server's statement statistics hold the reads as dbopt's own (marked) statements, which the
            // doctor's Queries section leaves out: an executed prepared statement is recorded under its PREPARE text
            List<String> recorded = new ArrayList<>();
            try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = "
                            + "current_database()) AND (query LIKE '%dbopt\\_scoped\\_%' OR query LIKE "
                            + "'%dbopt.scoped\\_tables%')")) {
                while (rs.next()) {
                    recorded.add(rs.getString(1));
                }
            }
            assertThat(recorded).isNotEmpty().allSatisfy(q -> assertThat(q).startsWith(SqlResource.MARKER));
            // the snapshots are what they were: rolling the last migration back restores the table
            SchemaSnapshot afterAll = framework.snapshot();
            framework.rollback("core", RollbackTarget.count(1));
            assertThat(SchemaDiff.between(framework.snapshot(), afterAll).describe()).containsExactlyInAnyOrder(
                    "column pc_a.c" + (1 + ALTERING) + " added (integer)",
                    "index pc_a_c" + (1 + ALTERING) + "_idx on pc_a added");
        } finally {
            kept.closeAll();
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void aScriptDeallocatingPreparedStatementsOrAFailureDoesNotBreakTheNextRead(TestDatabase db, @TempDir Path dir)
            throws SQLException {
        Path folder = Scripts.write(dir, "dealloc",
                "V1__tables.sql", "CREATE TABLE pc_d (id bigint PRIMARY KEY);\n",
                "V2__alter.sql", "ALTER TABLE pc_d ADD COLUMN c2 int;\n",
                "V3__deallocate.sql", "ALTER TABLE pc_d ADD COLUMN c3 int;\nDEALLOCATE ALL;\n",
                "V4__alter.sql", "ALTER TABLE pc_d ADD COLUMN c4 int;\n",
                "V5__fails.sql", "ALTER TABLE pc_d ADD COLUMN c5 int;\nALTER TABLE pc_d ADD COLUMN c5 int;\n");
        KeptConnections kept = new KeptConnections(db.dataSource());
        try {
            MigrationFramework framework = framework(kept.dataSource(), folder, "dealloc");
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(framework::migrate);
            assertThat(thrown).isInstanceOf(MigrationFailedException.class);
            MigrationFailedException failed = (MigrationFailedException) thrown;
            assertThat(failed.failure().version()).isEqualTo("5");
            assertThat(failed.failure().restored()).isTrue();
            assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'pc_d'"))
                    .isEqualTo(4);

            Scripts.write(dir, "dealloc", "V5__fails.sql", "ALTER TABLE pc_d ADD COLUMN c5 int;\n",
                    "V6__alter.sql", "ALTER TABLE pc_d ADD COLUMN c6 int;\n");
            assertThat(framework(kept.dataSource(), folder, "dealloc").migrate().appliedCount()).isEqualTo(2);
            assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'pc_d'"))
                    .isEqualTo(6);
        } finally {
            kept.closeAll();
        }
    }

    private static MigrationFramework framework(DataSource dataSource, Path folder, String set) {
        return MigrationFramework.configure().dataSource(dataSource)
                .set(MigrationSet.builder(set).location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(5)).lockWait(Duration.ofSeconds(60)).load();
    }
}
