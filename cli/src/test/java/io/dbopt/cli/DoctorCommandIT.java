package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** The doctor against a given URL on both servers, and its conventions for errors and secrets. */
@DbTest
class DoctorCommandIT {

    private static final String MARKER = "Pw-Marker-0c2d";

    @DialectTest
    void examinesAGivenDatabaseAndMapsSeverityToTheExitCode(TestDatabase db) throws Exception {
        CliRun json = CliRun.of("doctor", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.path("sections").get(0).path("facts").path("database").asText()).isEqualTo(db.name());
        // a pipe gets one progress line per section on standard error, the report alone on standard output
        assertThat(json.err()).contains("[doctor] 1/").contains(" Server").containsPattern(
                "\\[doctor] \\d+ sections examined in \\d+\\.\\d s").doesNotContain("\r");

        java.nio.file.Path html = java.nio.file.Files.createTempFile("dbopt-doctor", ".html");
        CliRun failing = CliRun.of("doctor", "--url", db.jdbcUrl(), "--user", db.user(), "--fail-on", "warning",
                "--html", html.toString());
        assertThat(failing.exitCode()).isEqualTo(ExitCodes.FINDINGS); // neither server sets a statement timeout
        assertThat(failing.out()).contains("[warning] server.statement-timeout-unset");
        assertThat(java.nio.file.Files.readString(html)).startsWith("<!DOCTYPE html>")
                .contains("server.statement-timeout-unset");
        java.nio.file.Files.delete(html);
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
