package io.dbopt.cli.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.cli.DbOptCommand;
import io.dbopt.cli.ExitCodes;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code dbopt health} on both servers: every check printed, the status as the exit code, --watch redrawing. */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthCommandIT {

    private record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = DbOptCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Run(code, out.toString(), err.toString());
        }
    }

    @DialectTest
    void printsEveryCheckAndExitsByStatus(TestDatabase db, TestDialect dialect) throws Exception {
        Run up = Run.of("health", "--url", db.jdbcUrl(), "--user", db.user(),
                "--checks", "connections,long-queries,blocked-sessions,sequences");
        assertThat(up.exitCode()).as(up.out() + up.err()).isEqualTo(ExitCodes.OK);
        assertThat(up.out()).contains("database").contains("connections").contains("sequences")
                .contains("status: UP");

        if (dialect == TestDialect.POSTGRESQL) {
            db.execute("CREATE TABLE tickets (id smallserial PRIMARY KEY)", "SELECT setval('tickets_id_seq', 32000)");
        } else {
            db.execute("CREATE TABLE tickets (id tinyint AUTO_INCREMENT PRIMARY KEY)",
                    "INSERT INTO tickets VALUES (125)");
        }
        Run degraded = Run.of("health", "--url", db.jdbcUrl(), "--user", db.user(), "--checks", "sequences",
                "--format", "json");
        assertThat(degraded.exitCode()).as(degraded.err()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(degraded.out());
        assertThat(json.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(json.at("/components/sequences/details/findings/0/check").asText()).isEqualTo("health.sequences");
    }

    @DialectTest
    void watchRedrawsInPlace(TestDatabase db) {
        Run watch = Run.of("health", "--url", db.jdbcUrl(), "--user", db.user(), "--checks", "connections",
                "--watch", "--interval", "100ms", "--count", "3");
        assertThat(watch.exitCode()).as(watch.err()).isEqualTo(ExitCodes.OK);
        assertThat(watch.out().split(java.util.regex.Pattern.quote(HealthCommand.CLEAR), -1)).hasSize(3);
        assertThat(watch.out().split("status: UP", -1)).hasSize(4);
    }

    @Test
    void anUnreachableDatabaseIsDownWithExitCodeThree() {
        Run down = Run.of("health", "--url", "jdbc:postgresql://127.0.0.1:1/app", "--timeout", "3s");
        assertThat(down.exitCode()).as(down.err()).isEqualTo(ExitCodes.DATABASE);
        assertThat(down.out()).contains("DOWN").contains("refused").contains("status: DOWN");
    }

    @Test
    void badSettingsAreUsageErrors() {
        assertThat(Run.of("health", "--url", "jdbc:postgresql://127.0.0.1:1/app", "--checks", "nonsense").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(Run.of("health", "--url", "jdbc:postgresql://127.0.0.1:1/app", "--interval", "soon").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        Run none = Run.of("health");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("--url");
    }
}
