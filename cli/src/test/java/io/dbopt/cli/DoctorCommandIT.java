package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The doctor against a given URL on both servers, its HTML report checked in a real browser, and its conventions
 * for errors and secrets.
 */
@DbTest
@ExtendWith(Chromium.Resolver.class)
class DoctorCommandIT {

    private static final String MARKER = "Pw-Marker-0c2d";

    @DialectTest
    void examinesAGivenDatabaseAndMapsSeverityToTheExitCode(TestDatabase db, Chromium chromium) throws Exception {
        // the populator's planted problems: a duplicate and an unused index to drop, tables to measure
        SchemaPopulator.on(db).withReferences().withDuplicatedIndex().withUnusedIndex().withData(1_000).populate();
        boolean maria = db.testDialect() == TestDialect.MARIADB;
        db.execute(maria ? "ANALYZE TABLE clients, accounts" : "ANALYZE");
        if (!maria) {
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
                    "SELECT count(*) FROM accounts WHERE number = 'A-1'"); // for the top statements chart
        }
        CliRun json = CliRun.of("doctor", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.path("sections").get(0).path("facts").path("database").asText()).isEqualTo(db.name());
        // a pipe gets one progress line per section on standard error, the report alone on standard output
        assertThat(json.err()).contains("[doctor] 1/").contains(" Server").containsPattern(
                "\\[doctor] \\d+ sections examined in \\d+\\.\\d s").doesNotContain("\r");

        String dialect = db.testDialect().name().toLowerCase(java.util.Locale.ROOT);
        Path html = Files.createDirectories(Path.of("target", "report")).resolve(dialect + "-report.html");
        CliRun failing = CliRun.of("doctor", "--url", db.jdbcUrl(), "--user", db.user(), "--fail-on", "warning",
                "--html", html.toString());
        assertThat(failing.exitCode()).isEqualTo(ExitCodes.FINDINGS); // neither server sets a statement timeout
        assertThat(failing.out()).contains("[warning] server.statement-timeout-unset");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("server.statement-timeout-unset");

        // the HTML report of a real database in a real browser (MariaDB's fixes drop with ALTER TABLE ... DROP INDEX)
        chromium.open(html);
        assertThat(chromium.driver().findElement(By.cssSelector(".target")).getText())
                .contains(maria ? "MariaDB" : "PostgreSQL");
        assertThat(chromium.chartTitles()).contains("Largest tables in " + (maria ? db.name() : "public"),
                "What the index fixes could free");
        if (!maria) {
            // MariaDB's digests are server-wide and bounded: once full, a new database's statements are not kept
            assertThat(chromium.chartTitles()).contains("Top statements by total time");
        }
        chromium.checkReport(html, Path.of("target", "report", dialect + "-report.png"));
    }

    @Test
    void unreachableDatabaseIsExitCodeThreeWithoutTheSecret() {
        CliRun run = CliRun.of("doctor", "--url", "jdbc:postgresql://127.0.0.1:1/app?password=" + MARKER,
                "--password=" + MARKER);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(run.err()).contains("Cannot connect").doesNotContain(MARKER)
                .contains("warning: a password on the command line lands in shell history");
        assertThat(run.out()).doesNotContain(MARKER);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(CliRun.of("doctor", "--format", "xml").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("doctor", "--fail-on", "sometimes").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("doctor", "--suppress", "index.unused").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun help = CliRun.of("doctor", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--url").contains("--fail-on").contains("Exit codes");
    }
}
