package io.dbopt.core.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HealthTest {

    @Test
    void statusOnlyGetsWorse() {
        Health h = Health.builder("pool").status(HealthStatus.DEGRADED).status(HealthStatus.UP).build();
        assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void findingsSetTheStatusBySeverity() {
        Finding warning = Finding.builder("pool.saturated", Severity.WARNING).object(DbObject.database("app"))
                .message("pool saturated").build();
        assertThat(Health.builder("pool").finding(warning).build().status()).isEqualTo(HealthStatus.DEGRADED);
        Finding critical = warning.withSeverity(Severity.CRITICAL);
        assertThat(Health.builder("pool").finding(critical).build().status()).isEqualTo(HealthStatus.DOWN);
        Finding info = warning.withSeverity(Severity.INFO);
        assertThat(Health.builder("pool").finding(info).build().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aggregateTakesTheWorstPart() {
        Health all = Health.aggregate("dbopt", List.of(Health.up("pool"), Health.down("database", "refused")));
        assertThat(all.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(all.components()).containsOnlyKeys("pool", "database");
    }

    @Test
    void detailsHoldOnlyJsonableValues() {
        assertThatThrownBy(() -> Health.builder("x").detail("m", Map.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Health detail m");
    }

    @Test
    void writesActuatorShape() {
        Health h = Health.builder("dbopt").component(Health.builder("pool").detail("active", 3)
                .detail("acquire_p99", Duration.ofMillis(12)).detail("url", "jdbc:postgresql://u:secret@h/db").build())
                .component(Health.down("database", "connection refused")).build();
        String json = HealthJson.write(h);
        assertThat(json).contains("\"status\" : \"DOWN\"").contains("\"components\"").contains("\"active\" : 3")
                .contains("\"acquire_p99_ms\" : 12").doesNotContain("secret");
    }
}
