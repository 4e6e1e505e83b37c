package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbopt doctor --fix-script}: the script orders drops before creates, bounds every lock wait, runs on the
 * server, and a second doctor run finds nothing left for it to fix in the index findings.
 */
@DbTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DoctorFixScriptIT {

    @DialectTest
    void writesAnOrderedScriptThatRunsAndFixesTheIndexFindings(TestDatabase db, @TempDir Path dir) throws Exception {
        boolean pg = db.dialect() instanceof io.dbopt.core.PostgresDialect;
        db.execute("CREATE TABLE parent (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL, note VARCHAR(40), "
                        + "CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id), "
                        + "CONSTRAINT child_parent_fk2 FOREIGN KEY (parent_id) REFERENCES parent (id))",
                "CREATE INDEX child_note_a ON child (note)",
                "CREATE INDEX child_note_b ON child (note)",
                pg ? "CREATE TABLE legacy (a int, b text)" : "CREATE TABLE legacy (a INT PRIMARY KEY) ENGINE=MyISAM");
        Path script = dir.resolve("fix.sql");

        CliRun run = CliRun.of("doctor", "--url", db.jdbcUrl(), "--user", db.user(), "--fail-on", "never",
                "--fix-script", script.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        String text = Files.readString(script, StandardCharsets.UTF_8);
        assertThat(text).contains(pg ? "SET lock_timeout = '5000ms';" : "SET SESSION lock_wait_timeout = 5;");
        assertThat(text).contains("index.duplicate").contains("index.fk-duplicate");
        int drop = text.indexOf("DROP INDEX");
        int dropFk = text.indexOf(pg ? "DROP CONSTRAINT" : "DROP FOREIGN KEY");
        assertThat(drop).isPositive();
        assertThat(dropFk).isPositive();
        if (text.contains("CREATE INDEX")) {
            assertThat(text.indexOf("CREATE INDEX")).isGreaterThan(Math.max(drop, dropFk));
        }

        runIndexSteps(db, text);
        Path again = dir.resolve("again.sql");
        CliRun second = CliRun.of("doctor", "--url", db.jdbcUrl(), "--user", db.user(), "--fail-on", "never",
                "--fix-script", again.toString());

        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
        assertThat(indexSteps(Files.readString(again, StandardCharsets.UTF_8))).as("index steps left").isEmpty();
    }

    /** Runs the statements of the steps that fix index findings (other sections may touch server settings). */
    private static void runIndexSteps(TestDatabase db, String script) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String step : indexSteps(script)) {
                for (String line : step.split("\n")) {
                    if (!line.isBlank() && !line.startsWith("--")) {
                        s.execute(line.substring(0, line.length() - 1));
                    }
                }
            }
        }
    }

    private static List<String> indexSteps(String script) {
        List<String> steps = new ArrayList<>();
        for (String part : script.split("\n(?=-- step )")) {
            if (part.matches("(?s)-- step \\d+: \\[\\w+\\] index\\..*")) {
                steps.add(part.replaceAll("(?s)\n\n-- Findings without SQL.*", ""));
            }
        }
        return steps;
    }
}
