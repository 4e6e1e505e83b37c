package io.dbopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void normalisesKeyStyles() {
        Settings s = Settings.of(Map.of("poolSize", "30", "max-overflow", "10", "pool.timeout", "20"));
        assertThat(s.integer("pool_size")).contains(30);
        assertThat(s.integer("max_overflow")).contains(10);
        assertThat(s.duration("pool_timeout")).contains(Duration.ofSeconds(20));
    }

    @Test
    void readsEnvironmentWithPrefix() {
        Settings s = Settings.fromEnvironment(Map.of("DBOPT_POOL_RECYCLE", "3600", "PATH", "/bin"), "DBOPT_");
        assertThat(s.duration("pool_recycle")).contains(Duration.ofHours(1));
        assertThat(s.contains("path")).isFalse();
    }

    @Test
    void readsPropertiesWithPrefixAndFallsBack() {
        Properties p = new Properties();
        p.setProperty("dbopt.pool.pre_ping", "yes");
        p.setProperty("other", "x");
        Settings s = Settings.fromProperties(p, "dbopt.pool.")
                .orElse(Settings.of(Map.of("pre_ping", "false", "pool_size", "5")));
        assertThat(s.bool("pre_ping")).contains(true);
        assertThat(s.integer("pool_size")).contains(5);
    }

    @Test
    void parsesDurationForms() {
        assertThat(Settings.parseDuration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Settings.parseDuration("k", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Settings.parseDuration("k", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Settings.parseDuration("k", "PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Settings.parseDuration("k", "2")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badValuesNameTheKeyAndTheAcceptedForms() {
        Settings s = Settings.of(Map.of("pool_size", "lots", "pool_timeout", "soon", "pre_ping", "maybe"));
        assertThatThrownBy(() -> s.integer("pool_size")).isInstanceOf(DbOptException.class)
                .hasMessageContaining("pool_size").hasMessageContaining("'lots'").hasMessageContaining("whole number");
        assertThatThrownBy(() -> s.duration("pool_timeout")).hasMessageContaining("30s");
        assertThatThrownBy(() -> s.bool("pre_ping")).hasMessageContaining("true or false");
    }

    @Test
    void secretValuesNeverAppearInErrorsOrToString() {
        Settings s = Settings.of(Map.of("password", "hunter2", "ssl_password", "hunter3"));
        assertThatThrownBy(() -> s.integer("password")).hasMessageNotContaining("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("hunter3");
    }
}
