package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.cli.console.ConsoleMode;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.On;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line's console conventions end to end: the global options wherever they are written, {@code --version}
 * with the drivers and the server, completion, and the switch between a bar with colours on a terminal (a
 * pseudo-terminal from util-linux {@code script}) and plain lines on a pipe.
 */
@DbTest
class ConsoleOptionsIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        for (String[] args : List.of(new String[] {"--quiet", "--no-color", "lint", "x"},
                new String[] {"lint", "x", "-q", "--no-color"})) {
            CommandLine cli = DbOptCommand.commandLine();
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            ConsoleMode mode = ConsoleMode.of(parsed.subcommand().commandSpec());
            assertThat(mode.quiet()).as(String.join(" ", args)).isTrue();
            assertThat(mode.colour()).isFalse();
            assertThat(mode.bar()).isFalse();
        }
        CliRun misplaced = CliRun.of("--url", "jdbc:postgresql://127.0.0.1/app", "doctor");
        assertThat(misplaced.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(misplaced.err()).contains("connection options go after the subcommand");
    }

    @Test
    @Timeout(60)
    void versionNamesTheDriversAndTheServerItWouldUse(@On(TestDialect.POSTGRESQL) TestDatabase pg,
                                                      @On(TestDialect.MARIADB) TestDatabase maria) {
        CliRun plain = CliRun.of("--version");
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).containsPattern("(?m)^dbopt \\d+\\.\\d+\\.\\d+")
                .containsPattern("PostgreSQL JDBC driver 42\\.\\d+\\.\\d+")
                .containsPattern("MariaDB Connector/J 3\\.\\d+\\.\\d+").contains("Java ")
                .containsPattern("server: none given .*embedded PostgreSQL 17\\.");
        CliRun postgres = CliRun.of("--version", "--url", pg.jdbcUrl(), "--user", pg.user());
        assertThat(postgres.out()).containsPattern("server: PostgreSQL 1\\d\\.");
        CliRun mariadb = CliRun.of("--version", "--url", maria.jdbcUrl(), "--user", maria.user());
        assertThat(mariadb.out()).containsPattern("server: MariaDB 1\\d\\.");
        CliRun unreachable = CliRun.of("--version", "--url", "jdbc:postgresql://127.0.0.1:1/app?password=Pw-7f");
        assertThat(unreachable.out()).contains("server: could not connect").doesNotContain("Pw-7f");
    }

    @Test
    @Timeout(30)
    void completionCoversEverySubcommandAndOption() {
        CliRun run = CliRun.of("completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_dbopt").contains("doctor").contains("migrate")
                .contains("--fail-on").contains("--no-color").contains("completion");
    }

    @Test
    @Timeout(120)
    void aTerminalGetsColoursAndABarAPipePlainLinesQuietNothing(@On(TestDialect.POSTGRESQL) TestDatabase db)
            throws Exception {
        Path lint = Files.createDirectories(dir.resolve("lint"));
        Files.writeString(lint.resolve("V1__index.sql"), "SET lock_timeout = '5s';\nCREATE INDEX t_c ON t (c);\n");
        String coloured = onTerminal("lint", lint.toString(), "--dialect", "postgresql");
        assertThat(coloured).contains("\u001b[31m[error]\u001b[0m migration.non-concurrent-index");

        Path sets = Files.createDirectories(dir.resolve("core"));
        for (int v = 1; v <= 3; v++) {
            Files.writeString(sets.resolve("V" + v + "__step.sql"), "CREATE TABLE tty_" + v + " (id int);\n");
        }
        String[] target = {"--url", db.jdbcUrl(), "--user", db.user(), "--set", "core=" + sets};
        String bar = onTerminal(concat(new String[] {"migrate"}, target));
        assertThat(bar).contains("\r[migrate] [########################] 100% 3/3").contains("/s")
                .contains("[migrate] 3 migration(s) applied in").doesNotContain("core V1 applied (");

        Files.writeString(sets.resolve("V4__step.sql"), "CREATE TABLE tty_4 (id int);\n");
        CliRun pipe = CliRun.of(concat(new String[] {"migrate"}, target));
        assertThat(pipe.err()).contains("[migrate] core V4 applied (1 statements)")
                .contains("[migrate] 1 migration(s) applied in").doesNotContain("\r").doesNotContain("\u001b[");

        Files.writeString(sets.resolve("V5__step.sql"), "CREATE TABLE tty_5 (id int);\n");
        String quiet = onTerminal(concat(new String[] {"migrate", "--quiet", "--no-color"}, target));
        assertThat(quiet).doesNotContain("[migrate]").doesNotContain("\u001b[").contains("core V5  V5__step.sql");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'tty\\_%'"))
                .isEqualTo(5);
    }

    /** Runs dbopt in a new JVM on a pseudo-terminal and returns what the terminal showed (stdout and stderr). */
    private String onTerminal(String... args) throws IOException, InterruptedException {
        StringBuilder command = new StringBuilder(quote(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString())).append(" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp ")
                .append(quote(System.getProperty("java.class.path")))
                .append(" io.dbopt.cli.DbOptCommand");
        for (String a : args) {
            command.append(' ').append(quote(a));
        }
        List<String> script = new ArrayList<>(List.of("script", "-qec", command.toString(), "/dev/null"));
        ProcessBuilder pb = new ProcessBuilder(script).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().keySet().removeAll(List.of("DBOPT_PROGRESS", "DBOPT_COLOR", "NO_COLOR"));
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
