package io.dbopt.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DriverDefaultsTest {

    @Test
    void keepsValuesOutOfDriverErrorsAndTurnsLocalInfileOff() {
        Properties pg = new Properties();
        DriverDefaults.applySafety("jdbc:postgresql://h/db", pg, false);
        assertThat(pg).containsEntry("logServerErrorDetail", "false");
        Properties maria = new Properties();
        DriverDefaults.applySafety("jdbc:mariadb://h/db", maria, false);
        assertThat(maria).containsEntry("allowLocalInfile", "false").containsEntry("dumpQueriesOnException", "false");
        Properties optIn = new Properties();
        DriverDefaults.applySafety("jdbc:postgresql://h/db", optIn, true);
        assertThat(optIn).containsEntry("logServerErrorDetail", "true");
    }

    @Test
    void leavesWhatTheUrlOrTheCallerSet() {
        Properties p = new Properties();
        p.setProperty("ALLOWLOCALINFILE", "true");
        DriverDefaults.applySafety("jdbc:mariadb://h/db", p, false);
        assertThat(p).containsEntry("ALLOWLOCALINFILE", "true").doesNotContainKey("allowLocalInfile");
        Properties q = new Properties();
        DriverDefaults.applySafety("jdbc:postgresql://h/db?logServerErrorDetail=true", q, false);
        assertThat(q).doesNotContainKey("logServerErrorDetail");
        Properties other = new Properties();
        DriverDefaults.applySafety("jdbc:h2:mem:x", other, false);
        DriverDefaults.applyTimeouts("jdbc:h2:mem:x", other, Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(other).isEmpty();
    }

    @Test
    void writesTimeoutsInEachDriversUnit() {
        Properties pg = new Properties();
        DriverDefaults.applyTimeouts("jdbc:postgresql://h/db", pg, Duration.ofMillis(1500), Duration.ofMinutes(2));
        assertThat(pg).containsEntry("connectTimeout", "2").containsEntry("loginTimeout", "2")
                .containsEntry("socketTimeout", "120");
        Properties maria = new Properties();
        DriverDefaults.applyTimeouts("jdbc:mariadb://h/db?socketTimeout=5", maria, Duration.ofSeconds(3),
                Duration.ofMinutes(2));
        assertThat(maria).containsEntry("connectTimeout", "3000").doesNotContainKey("socketTimeout");
    }
}
