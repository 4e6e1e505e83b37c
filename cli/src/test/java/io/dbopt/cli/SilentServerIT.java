package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.proxy.FaultMode;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reaches a database ends with a clear error within its deadline when the server goes silent: a
 * fault proxy in blackhole mode accepts the connection and never answers, as a dropped route or a frozen host does.
 * The deadline is the connect timeout (log-in included) plus a small margin.
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SilentServerIT {

    /** The connect timeout the commands are given. */
    private static final Duration CONNECT = Duration.ofSeconds(1);
    /** The socket timeout the commands are given. */
    private static final Duration SOCKET = Duration.ofSeconds(2);
    /** What a command may take beyond its deadline (JVM warm-up, class loading, a loaded machine). */
    private static final Duration MARGIN = Duration.ofSeconds(6);

    private TcpFaultProxy proxy;
    @TempDir
    Path dir;

    @BeforeEach
    void silence(TestDatabase db) {
        proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
        proxy.setMode(FaultMode.BLACKHOLE);
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    @DialectTest
    void doctorEndsWithinItsDeadline(TestDatabase db) {
        assertEndsInTime("doctor", run(db, "doctor"));
    }

    @DialectTest
    void aConnectionThatFallsSilentMidRunEndsWithinTheSocketTimeout(TestDatabase db) {
        proxy.heal();
        // the server answers the log-in, then never sees the first statement nor answers it
        proxy.swallowFromClientSends(db.testDialect() == TestDialect.POSTGRESQL ? "current_schema" : "DATABASE()");
        Timed t = run(db, "doctor");
        assertThat(t.elapsed()).as("doctor took %s: %s", t.elapsed(), t.run().err())
                .isLessThan(SOCKET.plus(MARGIN));
        assertThat(t.run().exitCode()).as(t.run().err()).isEqualTo(ExitCodes.DATABASE);
        assertThat(proxy.cutPending()).isFalse();
    }

    @DialectTest
    void lintAgainstADatabaseEndsWithinItsDeadline(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE silent_items (id bigint PRIMARY KEY);\n");
        assertEndsInTime("lint", run(db, "lint", dir.toString()));
    }

    @DialectTest
    void healthEndsWithinItsDeadline(TestDatabase db) {
        Timed t = run(db, "health", "--checks", "connections");
        assertThat(t.elapsed()).as("health took %s: %s", t.elapsed(), t.run().err())
                .isLessThan(CONNECT.plus(MARGIN));
        assertThat(t.run().exitCode()).as(t.run().out() + t.run().err()).isEqualTo(ExitCodes.DATABASE);
        assertThat(t.run().out()).contains("DOWN");
    }

    @DialectTest
    void loadEndsWithinItsDeadline(TestDatabase db) throws Exception {
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "id,title\n1,one\n2,two\n");
        assertEndsInTime("load", run(db, "load", "--file", csv.toString(), "--table", "silent_rows"));
    }

    private void assertEndsInTime(String command, Timed t) {
        assertThat(t.elapsed()).as("%s took %s: %s", command, t.elapsed(), t.run().err())
                .isLessThan(CONNECT.plus(MARGIN));
        assertThat(t.run().exitCode()).as(t.run().err()).isEqualTo(ExitCodes.DATABASE);
        assertThat(t.run().err()).startsWith("dbopt " + command + ": ").containsIgnoringCase("connect");
    }

    private record Timed(CliRun run, Duration elapsed) {
    }

    private Timed run(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        String scheme = db.testDialect() == TestDialect.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://";
        all.addAll(List.of("--url", scheme + proxy.host() + ":" + proxy.port() + "/" + db.name(), "--user", db.user(),
                "--connect-timeout", CONNECT.toMillis() + "ms", "--socket-timeout", SOCKET.toMillis() + "ms"));
        long t0 = System.nanoTime();
        CliRun run = CliRun.of(all.toArray(String[]::new));
        return new Timed(run, Duration.ofNanos(System.nanoTime() - t0));
    }
}
