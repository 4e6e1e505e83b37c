package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration commands share the doctor's conventions: options, formats, --fail-on and exit codes. */
@DbTest
class MigrationCommandsIT {

    @TempDir
    Path dir;

    @Test
    void lintFailsTheBuildOnErrorsByDefaultAndNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, c int);\n");
        Files.writeString(dir.resolve("V2__index.sql"), "SET lock_timeout = '5s';\n\nCREATE INDEX orders_c ON orders (c);\n");

        CliRun unsafe = CliRun.of("lint", dir.toString(), "--dialect", "postgresql");
        assertThat(unsafe.exitCode()).as(unsafe.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(unsafe.out()).contains("migration.non-concurrent-index").contains("V2__index.sql:3:1")
                .contains("docs/migration.md#non-concurrent-index");

        CliRun suppressed = CliRun.of("lint", dir.toString(), "--dialect", "postgresql", "--suppress",
                "migration.non-concurrent-index the table is created empty in V1");
        assertThat(suppressed.exitCode()).as(suppressed.out()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("lint", dir.toString(), "--fail-on", "never").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("lint", dir.resolve("missing").toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void lintKnowsTheServerVersionAndHowTheRunnerUsesTransactions() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("versions"));
        Files.writeString(versions.resolve("V1__default.sql"), "SET lock_timeout = '5s';\n"
                + "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';\n");
        assertThat(CliRun.of("lint", versions.toString(), "--server-version", "11", "--assume-statement-timeout")
                .exitCode()).isEqualTo(ExitCodes.OK);
        CliRun old = CliRun.of("lint", versions.toString(), "--server-version", "10", "--assume-statement-timeout");
        assertThat(old.exitCode()).as(old.out()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(old.out()).contains("migration.volatile-default").contains("PostgreSQL 10.0");
        assertThat(CliRun.of("lint", versions.toString(), "--server-version", "ten").exitCode())
                .isEqualTo(ExitCodes.USAGE);

        Path concurrent = Files.createDirectories(dir.resolve("concurrent"));
        Files.writeString(concurrent.resolve("V2__index.sql"), "SET lock_timeout = '5s';\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_c ON orders (c);\n");
        CliRun perFile = CliRun.of("lint", concurrent.toString());
        assertThat(perFile.exitCode()).as(perFile.out()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(perFile.out()).contains("migration.concurrently-in-transaction");
        assertThat(CliRun.of("lint", concurrent.toString(), "--transactions", "none").exitCode())
                .isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("lint", concurrent.toString(), "--no-assume-in-transaction").exitCode())
                .isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("lint", concurrent.toString(), "--transactions", "none", "--assume-in-transaction")
                .exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun rules = CliRun.of("lint", "--rules");
        assertThat(rules.out()).contains("squawk: require-concurrent-index-creation")
                .contains("strong_migrations: add_index");
    }

    @DialectTest
    void migratesShowsInfoAndRollsBack(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE cli_items (id bigint PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__column.sql"), "ALTER TABLE cli_items ADD COLUMN name varchar(40);\n");
        String[] target = {"--url", db.jdbcUrl(), "--user", db.user(), "--set", "core=" + dir};

        CliRun migrate = CliRun.of(concat(new String[] {"migrate"}, target));
        assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(ExitCodes.OK);
        assertThat(db.queryLong("SELECT count(*) FROM cli_items")).isZero();

        CliRun info = CliRun.of(concat(new String[] {"info", "--format", "json"}, target));
        assertThat(info.exitCode()).as(info.err()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(info.out());
        assertThat(report.path("title").asText()).isEqualTo("dbopt info");

        CliRun rollback = CliRun.of(concat(new String[] {"rollback", "core", "--count", "1"}, target));
        assertThat(rollback.exitCode()).as(rollback.err()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of(concat(new String[] {"rollback", "nosuchset", "--count", "1"}, target)).exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @DialectTest
    void preserveDataLetsRollbackBringADroppedColumnBack(TestDatabase db) throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("V1__create.sql"), "CREATE TABLE cli_notes (id int PRIMARY KEY, "
                + "body varchar(40) NOT NULL);\nINSERT INTO cli_notes VALUES (1, 'first'), (2, 'second');\n");
        Files.writeString(notes.resolve("V2__drop_body.sql"), "ALTER TABLE cli_notes DROP COLUMN body;\n");
        String[] target = {"--url", db.jdbcUrl(), "--user", db.user(), "--set", "notes=" + notes};

        CliRun migrate = CliRun.of(concat(new String[] {"migrate", "--preserve-data", "100"}, target));
        assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(ExitCodes.OK);

        CliRun rollback = CliRun.of(concat(new String[] {"rollback", "notes", "--count", "1"}, target));
        assertThat(rollback.exitCode()).as(rollback.err()).isEqualTo(ExitCodes.OK);
        assertThat(rollback.out()).contains("rows put back: cli_notes 2").contains("schema verified");
        assertThat(db.queryLong("SELECT count(*) FROM cli_notes WHERE body IN ('first', 'second')")).isEqualTo(2);

        CliRun again = CliRun.of(concat(new String[] {"migrate"}, target));
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        CliRun refused = CliRun.of(concat(new String[] {"rollback", "notes", "--count", "1"}, target));
        assertThat(refused.exitCode()).isNotEqualTo(ExitCodes.OK);
        assertThat(refused.err() + refused.out()).contains("--preserve-data ROWS");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
