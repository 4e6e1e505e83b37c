package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings by name, without a database: the builder's fields after reading them. */
class PoolSettingsTest {

    @Test
    void readsTheSeedsSettingsWithBareNumbersAsSeconds() {
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().settings(Settings.of(Map.of(
                "pool_size", "8", "max_overflow", "4", "pool_timeout", "2", "pool_recycle", "-1", "pre_ping", "false",
                "url", "jdbc:postgresql://db/app", "socket_timeout", "90")));
        assertThat(b.poolSize).isEqualTo(8);
        assertThat(b.maxOverflow).isEqualTo(4);
        assertThat(b.poolTimeout).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.poolRecycle).isEqualTo(Duration.ZERO);
        assertThat(b.prePing).isFalse();
        assertThat(b.socketTimeout).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void readsHikariNamesWithBareNumbersAsMilliseconds() {
        Properties p = new Properties();
        p.setProperty("dbopt.pool.minimumIdle", "3");
        p.setProperty("dbopt.pool.maximumPoolSize", "10");
        p.setProperty("dbopt.pool.connectionTimeout", "2500");
        p.setProperty("dbopt.pool.maxLifetime", "600000");
        p.setProperty("unrelated.key", "ignored");
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().fromProperties(p);
        assertThat(b.poolSize).isEqualTo(3);
        assertThat(b.maxOverflow).isEqualTo(7);
        assertThat(b.poolTimeout).isEqualTo(Duration.ofMillis(2500));
        assertThat(b.poolRecycle).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void readsTheEnvironment() {
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().settings(Settings.fromEnvironment(Map.of(
                "DBOPT_POOL_POOL_SIZE", "6", "DBOPT_POOL_ADAPTIVE", "true", "DBOPT_POOL_CLUSTER_BUDGET", "40",
                "PATH", "/usr/bin"), "DBOPT_POOL_"));
        assertThat(b.poolSize).isEqualTo(6);
        assertThat(b.sizing).isEqualTo(SizingPolicy.defaults());
        assertThat(b.clusterBudget).isEqualTo(40);
    }

    @Test
    void rejectsUnknownNamesAndBadValuesNamingThem() {
        PoolException unknown = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .settings(Settings.of(Map.of("pool_sise", "5"))));
        assertThat(unknown.getMessage()).contains("pool_sise").contains("pool_size");
        PoolException negative = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder().poolSize(-1));
        assertThat(negative.errorCode()).isEqualTo(PoolErrorCode.INVALID_CONFIGURATION);
        assertThat(negative.getMessage()).contains("pool_size = -1");
        PoolException floor = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .poolTimeout(Duration.ofMillis(100)));
        assertThat(floor.getMessage()).contains("pool_timeout = 100 ms").contains("at least 250 ms");
        PoolException name = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .applicationName("a:b"));
        assertThat(name.getMessage()).contains("application_name");
        PoolException both = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .settings(Settings.of(Map.of("max_overflow", "1", "maximum_pool_size", "5"))));
        assertThat(both.getMessage()).contains("either max_overflow or maximum_pool_size");
    }

    @Test
    void aPoolNeedsExactlyOneSourceOfConnections() {
        PoolException none = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder().build());
        assertThat(none.getMessage()).contains("none was given");
    }

    @Test
    void secretsInTheUrlNeverReachTheMessage() {
        PoolException e = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .jdbcUrl("jdbc:nosuchdriver://h/db?password=hunter2").build());
        assertThat(e.getMessage()).contains("No JDBC driver").doesNotContain("hunter2");
    }

    @Test
    void appliesDriverDefaultsWithoutOverridingTheUrl() {
        Properties pg = new Properties();
        DriverKind.POSTGRESQL.applyDefaults("jdbc:postgresql://h/db?socketTimeout=7", pg, Duration.ofMinutes(5),
                Duration.ofMillis(1500), "app");
        assertThat(pg).doesNotContainKey("socketTimeout").containsEntry("connectTimeout", "2")
                .containsEntry("ApplicationName", "app");
        assertThat(DriverKind.POSTGRESQL.socketTimeout("jdbc:postgresql://h/db?socketTimeout=7", pg))
                .contains(Duration.ofSeconds(7));
        Properties maria = new Properties();
        DriverKind.MARIADB.applyDefaults("jdbc:mariadb://h/db", maria, Duration.ofSeconds(30), Duration.ofSeconds(2),
                "app");
        assertThat(maria).containsEntry("socketTimeout", "30000").containsEntry("connectTimeout", "2000")
                .containsEntry("connectionAttributes", "program_name:app");
        assertThat(DriverKind.MARIADB.socketTimeout("jdbc:mariadb://h/db", new Properties()))
                .contains(Duration.ZERO);
    }

    @Test
    void theSizingRulesAreTheTextbookOnes() {
        assertThat(SizingAdvice.coresRule(4, 1)).isEqualTo(9);
        assertThat(SizingAdvice.deadlockBound(8, 2)).isEqualTo(9);
        assertThat(SizingAdvice.deadlockBound(3, 1)).isEqualTo(1);
    }
}
