package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.pool.driver.DriverKind;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Settings from a {@link DbOptConfig} and from the builder, without a database: the builder's state after reading. */
@Timeout(10)
class PoolConfigurationTest {

    @Test
    void readsTheSeedsConfigurationWithBareNumbersAsSeconds() {
        DbOptConfig config = DbOptConfig.of(Map.of(
                "database_url", "postgresql+psycopg2://app:s3cret@db:5432/tap_db",
                "pool_size", 8, "max_overflow", 4, "pool_timeout", 2, "pool_recycle", -1,
                "pool_pre_ping", false, "pool_use_lifo", true, "echo_pool", true, "pool.socket_timeout", "90"));
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().config(config);
        assertThat(b.jdbcUrl).isEqualTo("jdbc:postgresql://db:5432/tap_db");
        assertThat(b.username).isEqualTo("app");
        assertThat(b.password.reveal()).isEqualTo("s3cret");
        assertThat(b.poolSize).isEqualTo(8);
        assertThat(b.maxOverflow).isEqualTo(4);
        assertThat(b.poolTimeout).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.poolRecycle).isEqualTo(Duration.ZERO);
        assertThat(b.prePing).isFalse();
        assertThat(b.prePingGiven).isTrue();
        assertThat(b.useLifo).isTrue();
        assertThat(b.echo).isTrue();
        assertThat(b.socketTimeout).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void readsHikariNamesWithBareNumbersAsMilliseconds() {
        Properties p = new Properties();
        p.setProperty("dbopt.pool.minimumIdle", "3");
        p.setProperty("dbopt.pool.maximumPoolSize", "10");
        p.setProperty("dbopt.pool.connectionTimeout", "2500");
        p.setProperty("dbopt.pool.maxLifetime", "600000");
        p.setProperty("dbopt.pool.leakDetectionThreshold", "1500");
        p.setProperty("dbopt.pool.idleTimeout", "20000");
        p.setProperty("unrelated.key", "ignored");
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().config(DbOptConfig.fromProperties(p, true));
        assertThat(b.poolSize).isEqualTo(3);
        assertThat(b.maxOverflow).isEqualTo(7);
        assertThat(b.poolTimeout).isEqualTo(Duration.ofMillis(2500));
        assertThat(b.poolRecycle).isEqualTo(Duration.ofMinutes(10));
        assertThat(b.leakThreshold).isEqualTo(Duration.ofMillis(1500));
        assertThat(b.idleTimeout).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void readsTheEnvironment() {
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().config(DbOptConfig.fromEnvironment(Map.of(
                "DBOPT_POOL_SIZE", "6", "DBOPT_POOL_ADAPTIVE", "true", "DBOPT_POOL_CLUSTER_BUDGET", "40",
                "DBOPT_ECHO_POOL", "yes", "PATH", "/usr/bin")));
        assertThat(b.poolSize).isEqualTo(6);
        assertThat(b.sizing).isEqualTo(SizingPolicy.defaults());
        assertThat(b.clusterBudget).isEqualTo(40);
        assertThat(b.echo).isTrue();
    }

    @Test
    void settersCalledAfterTheConfigurationWin() {
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder()
                .config(DbOptConfig.of(Map.of("pool_size", 8, "pool.name", "from-config")))
                .poolSize(3);
        assertThat(b.poolSize).isEqualTo(3);
        assertThat(b.poolName).isEqualTo("from-config");
    }

    @Test
    void unknownKeysFailNamingTheNearestKnownOne() {
        DbOptException e = (DbOptException) catchThrowable(() -> DbOptConfig.of(Map.of("pool_sise", 5)));
        assertThat(e.errorCode()).isEqualTo(CoreErrorCode.INVALID_CONFIGURATION);
        assertThat(e.getMessage()).contains("pool_sise").contains("did you mean 'pool.size'");
        DbOptException overflow = (DbOptException) catchThrowable(() -> DbOptConfig.of(Map.of("max_overflw", 5)));
        assertThat(overflow.getMessage()).contains("max_overflw").contains("did you mean 'max_overflow'");
    }

    @Test
    void badValuesInAConfigurationFailNamingKeyValueAndWhatIsAllowed() {
        assertThat(catchThrowable(() -> DbOptConfig.of(Map.of("pool_size", -1)))).isInstanceOf(DbOptException.class)
                .hasMessageContaining("pool.size = '-1'").hasMessageContaining("from 0 to 10000");
        assertThat(catchThrowable(() -> DbOptConfig.of(Map.of("pool_timeout", "soon"))))
                .hasMessageContaining("pool.timeout = 'soon'").hasMessageContaining("a duration such as 30s");
        assertThat(catchThrowable(() -> DbOptConfig.of(Map.of("pool_timeout", "100ms"))))
                .hasMessageContaining("pool.timeout = '100ms'").hasMessageContaining("at least 250ms");
        assertThat(catchThrowable(() -> DbOptConfig.of(Map.of("pool_recycle", 10))))
                .hasMessageContaining("pool.recycle = '10'").hasMessageContaining("-1 or 0 (never), or at least 30s");
        assertThat(catchThrowable(() -> DbOptConfig.of(Map.of("pool_pre_ping", "maybe"))))
                .hasMessageContaining("pool.pre_ping = 'maybe'").hasMessageContaining("true or false");
        assertThat(catchThrowable(() -> DbOptConfig.of(Map.of("pool.leak_capture", "sometimes"))))
                .hasMessageContaining("pool.leak_capture = 'sometimes'")
                .hasMessageContaining("[always, on-suspicion, never]");
        assertThat(catchThrowable(() -> DbOptConfig.of(Map.of("pool.application_name", "a:b"))))
                .hasMessageContaining("pool.application_name = 'a:b'").hasMessageContaining("forbid : and ,");
    }

    @Test
    void contradictingSettingsFailNamingBoth() {
        PoolException both = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .config(DbOptConfig.of(Map.of("max_overflow", 1, "pool.maximum_pool_size", 5))));
        assertThat(both.errorCode()).isEqualTo(PoolErrorCode.INVALID_CONFIGURATION);
        assertThat(both.getMessage()).contains("either max_overflow or pool.maximum_pool_size, not both");
        PoolException timeouts = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .config(DbOptConfig.of(Map.of("pool_timeout", 5, "pool.connection_timeout", 5000))));
        assertThat(timeouts.getMessage()).contains("either pool_timeout or pool.connection_timeout");
        PoolException below = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .config(DbOptConfig.of(Map.of("pool_size", 8, "pool.maximum_pool_size", 5))));
        assertThat(below.getMessage()).contains("pool.maximum_pool_size = 5").contains("at least pool_size (8)");
    }

    @Test
    void settersRejectBadValuesNamingThemWithTheKeysRule() {
        PoolException negative = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder().poolSize(-1));
        assertThat(negative.errorCode()).isEqualTo(PoolErrorCode.INVALID_CONFIGURATION);
        assertThat(negative.getMessage()).contains("pool.size = '-1'").contains("from 0 to 10000");
        PoolException floor = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .poolTimeout(Duration.ofMillis(100)));
        assertThat(floor.getMessage()).contains("pool.timeout = '100ms'").contains("at least 250ms");
        PoolException recycle = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .poolRecycle(Duration.ofSeconds(5)));
        assertThat(recycle.getMessage()).contains("pool.recycle = '5000ms'").contains("at least 30s");
        PoolException name = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .applicationName("a:b"));
        assertThat(name.getMessage()).contains("pool.application_name");
        PoolException empty = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder().poolSize(0)
                .maxOverflow(0).dataSource(new org.postgresql.ds.PGSimpleDataSource()).build());
        assertThat(empty.getMessage()).contains("pool_size = 0 and max_overflow = 0").contains("at least 1 connection");
    }

    @Test
    void theBuildersDefaultsAreTheKeysDefaults() {
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder();
        assertThat(b.poolSize).isEqualTo(PoolKeys.SIZE.defaultValue().orElseThrow());
        assertThat(b.maxOverflow).isEqualTo(PoolKeys.MAX_OVERFLOW.defaultValue().orElseThrow());
        assertThat(b.poolTimeout).isEqualTo(PoolKeys.TIMEOUT.defaultValue().orElseThrow());
        assertThat(b.poolRecycle).isEqualTo(Duration.ofMinutes(30));
        assertThat(b.prePing).isTrue();
        assertThat(b.leakThreshold).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.healthCheckInterval).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.poolName).isEqualTo("dbopt");
    }

    @Test
    void everyKeyIsInThePoolSectionDescribedAndKnownToTheConfiguration() {
        assertThat(new PoolKeys().keys()).allSatisfy(key -> {
            assertThat(key.section()).isEqualTo("pool");
            assertThat(key.description()).isNotBlank();
        });
        assertThat(DbOptConfig.knownKeys()).containsAll(new PoolKeys().keys());
        assertThat(new PoolKeys().keys()).extracting(ConfigKey::name).contains("pool.size", "pool.max_overflow",
                "pool.timeout", "pool.recycle", "pool.pre_ping", "pool.use_lifo", "pool.echo");
        assertThat(PoolKeys.MAX_OVERFLOW.aliases()).contains("max_overflow");
        assertThat(PoolKeys.ECHO.aliases()).contains("echo_pool");
    }

    @Test
    void aPoolNeedsExactlyOneSourceOfConnections() {
        PoolException none = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder().build());
        assertThat(none.getMessage()).contains("none was given");
        DbOptException noUrl = (DbOptException) catchThrowable(() -> ConnectionPoolManager.create(
                DbOptConfig.of(Map.of("pool_size", 2))));
        assertThat(noUrl.getMessage()).contains("No database.url is set");
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
                .containsEntry("ApplicationName", "app").containsEntry("logServerErrorDetail", "false");
        assertThat(DriverKind.POSTGRESQL.socketTimeout("jdbc:postgresql://h/db?socketTimeout=7", pg))
                .contains(Duration.ofSeconds(7));
        Properties maria = new Properties();
        DriverKind.MARIADB.applyDefaults("jdbc:mariadb://h/db", maria, Duration.ofSeconds(30), Duration.ofSeconds(2),
                "app");
        assertThat(maria).containsEntry("socketTimeout", "30000").containsEntry("connectTimeout", "2000")
                .containsEntry("connectionAttributes", "program_name:app").containsEntry("allowLocalInfile", "false")
                .containsEntry("dumpQueriesOnException", "false");
        Properties infile = new Properties();
        DriverKind.MARIADB.applyDefaults("jdbc:mariadb://h/db?allowLocalInfile=true", infile, Duration.ofSeconds(30),
                Duration.ofSeconds(2), "app");
        assertThat(infile).doesNotContainKey("allowLocalInfile");
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
