package io.dbopt.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.health.check.CheckKind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The health and alerts settings: registered with the configuration, defaults as documented, bad input refused. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SettingsTest {

    @Test
    void healthAndAlertsKeysAreKnownToTheConfiguration() {
        DbOptConfig c = DbOptConfig.of(Map.of("health.interval", "30", "alerts.cooldown", "10m"))
                .withOverrides(DbOptConfig.fromEnvironment(Map.of("DBOPT_HEALTH_LONG_QUERY_WARN", "90s")));
        assertThat(c.get(HealthKeys.INTERVAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.get(HealthKeys.ALERTS_COOLDOWN)).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.get(HealthKeys.LONG_QUERY_WARN)).isEqualTo(Duration.ofSeconds(90));
        assertThat(DbOptConfig.empty().get(HealthKeys.SEQUENCE_WARN)).isEqualTo(0.85);
        assertThat(DbOptConfig.schemas()).anyMatch(s -> s.module().equals("dbopt-health"));
    }

    @Test
    void anUnknownKeyNamesTheNearestOne() {
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("health.intervall", "10s")))
                .hasMessageContaining("health.interval");
    }

    @Test
    void theWebhookUrlIsASecret() {
        DbOptConfig c = DbOptConfig.of(Map.of("alerts.webhook.url", "https://hooks.example/T0/secret-token"));
        assertThat(c.toString()).doesNotContain("secret-token");
    }

    @Test
    void anUnknownCheckNameListsTheKnownOnes() {
        DbOptConfig c = DbOptConfig.of(Map.of("database.url", "jdbc:postgresql://127.0.0.1:1/x",
                "health.checks", "connections,long-querys"));
        assertThatThrownBy(() -> DatabaseHealthMonitor.create(c)).isInstanceOf(DbOptException.class)
                .hasMessageContaining("long-querys").hasMessageContaining(CheckKind.LONG_QUERIES.id());
    }

    @Test
    void aMonitorWithoutItsOwnWayToTheDatabaseIsRefused() {
        assertThatThrownBy(() -> DatabaseHealthMonitor.create(DbOptConfig.empty()))
                .isInstanceOf(DbOptException.class).hasMessageContaining("database.url")
                .hasMessageContaining("never borrows from the application's pool");
    }

    @Test
    void badLabelsAndWebhookUrlsAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> DatabaseHealthMonitor.create(DbOptConfig.of(Map.of(
                "database.url", "jdbc:postgresql://127.0.0.1:1/x", "alerts.labels", "env"))))
                .hasMessageContaining("name=value");
        assertThatThrownBy(() -> DatabaseHealthMonitor.create(DbOptConfig.of(Map.of(
                "database.url", "jdbc:postgresql://127.0.0.1:1/x", "alerts.webhook.url", "ftp://x/y"))))
                .isInstanceOf(DbOptException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> DatabaseHealthMonitor.builder().interval(Duration.ZERO))
                .hasMessageContaining("interval must be greater than zero");
    }

    @Test
    void aMonitorOnAnUnreachableDatabaseAnswersDownWithoutThrowing() {
        try (DatabaseHealthMonitor m = DatabaseHealthMonitor.create(DbOptConfig.of(Map.of(
                "database.url", "jdbc:postgresql://127.0.0.1:1/x", "health.timeout", "3s",
                "alerts.log", "false")))) {
            var h = m.healthCheck();
            assertThat(h.status().name()).isEqualTo("DOWN");
            assertThat(h.components().get("database").details()).containsEntry("reason", "refused");
        }
    }
}
