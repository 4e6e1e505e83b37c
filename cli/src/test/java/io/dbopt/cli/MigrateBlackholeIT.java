package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.proxy.FaultMode;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code dbopt migrate} against a server that accepts connections but never answers gives up at login. */
@DbTest
@Timeout(90)
class MigrateBlackholeIT {

    @TempDir
    Path dir;

    // PostgreSQL only: MariaDB Connector/J's connectTimeout, which the CLI sets, already bounds its handshake (this
    // test passed on MariaDB before the fix, in about 10 s); pgjdbc's connectTimeout covers the TCP connect alone
    @DialectTest(TestDialect.POSTGRESQL)
    void migrateAgainstASilentServerExitsWithinItsLoginTimeout(TestDatabase db)
            throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int PRIMARY KEY);\n");
        URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        try (TcpFaultProxy proxy = TcpFaultProxy.start(target.getHost(), target.getPort())) {
            proxy.setMode(FaultMode.BLACKHOLE);
            String url = "jdbc:" + target.getScheme() + "://" + proxy.host() + ":" + proxy.port() + target.getPath()
                    + (target.getQuery() == null ? "" : "?" + target.getQuery());
            long t0 = System.nanoTime();
            CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(40), () -> CliRun.of("migrate", "--url", url,
                    "--user", db.user(), "--set", "core=" + dir));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DATABASE);
            assertThat(run.err()).startsWith("dbopt migrate: ").contains("Cannot connect")
                    .contains("check the URL");
            assertThat(took).isLessThan(Duration.ofSeconds(25));
        }
    }
}
