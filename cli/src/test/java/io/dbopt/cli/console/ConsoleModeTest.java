package io.dbopt.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.cli.progress.ConsoleProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConsoleModeTest {

    private static UnaryOperator<String> env(String... pairs) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m::get;
    }

    @Test
    void aTerminalGetsABarAndColourAPipeGetsPlainLines() {
        assertThat(ConsoleMode.decide(false, false, env("TERM", "xterm"), true, true))
                .isEqualTo(new ConsoleMode(false, true, true));
        assertThat(ConsoleMode.decide(false, false, env(), false, false)).isEqualTo(ConsoleMode.PLAIN);
        // progress follows standard error, colour standard output: `dbopt doctor > report.txt` on a terminal
        assertThat(ConsoleMode.decide(false, false, env(), true, false))
                .isEqualTo(new ConsoleMode(false, true, false));
    }

    @Test
    void quietDrawsNothingAndNoColourWins() {
        assertThat(ConsoleMode.decide(true, false, env(), true, true)).isEqualTo(new ConsoleMode(true, false, true));
        assertThat(ConsoleMode.decide(false, true, env(), true, true)).isEqualTo(new ConsoleMode(false, true, false));
        assertThat(ConsoleMode.decide(false, false, env("NO_COLOR", ""), true, true).colour()).isFalse();
        assertThat(ConsoleMode.decide(false, true, env("DBOPT_COLOR", "always"), false, false).colour()).isFalse();
    }

    @Test
    void theEnvironmentOverridesTheDetection() {
        assertThat(ConsoleMode.decide(false, false, env("TERM", "dumb"), true, true))
                .isEqualTo(ConsoleMode.PLAIN);
        assertThat(ConsoleMode.decide(false, false, env("DBOPT_PROGRESS", "bar"), false, false).bar()).isTrue();
        assertThat(ConsoleMode.decide(false, false, env("DBOPT_PROGRESS", "plain"), true, true).bar()).isFalse();
        assertThat(ConsoleMode.decide(true, false, env("DBOPT_PROGRESS", "bar"), true, true).bar()).isFalse();
        assertThat(ConsoleMode.decide(false, false, env("DBOPT_COLOR", "always"), false, false).colour()).isTrue();
    }

    @Test
    void aQuietProgressPrintsNothing() {
        StringWriter w = new StringWriter();
        ConsoleProgress p = ConsoleProgress.create(new PrintWriter(w), new ConsoleMode(true, false, false));
        ConsoleProgress.Task t = p.task("[migrate]", OptionalLong.of(3));
        t.advance(1, "core V1");
        t.plain("[migrate] core V1 applied");
        t.finish("[migrate] 1 migration(s) applied");
        p.line("dbopt doctor: HTML report written to r.html");
        assertThat(w.toString()).isEmpty();
        assertThat(p.isBar()).isFalse();
    }

    @Test
    void coloursOnlyTheSeverityTags() {
        String text = "  [error] migration.non-concurrent-index  V2__index.sql\n  [info] x [warning] y [critical] z";
        String coloured = SeverityColours.apply(text);
        assertThat(coloured).contains("\u001b[31m[error]\u001b[0m migration.non-concurrent-index  V2__index.sql")
                .contains("\u001b[36m[info]\u001b[0m").contains("\u001b[33m[warning]\u001b[0m")
                .contains("\u001b[1;31m[critical]\u001b[0m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(text);
    }
}
