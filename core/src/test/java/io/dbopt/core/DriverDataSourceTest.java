package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.jdbc.DriverDataSource;
import org.junit.jupiter.api.Test;

class DriverDataSourceTest {

    @Test
    void isImmutableAndNeverShowsThePassword() {
        DriverDataSource base = DriverDataSource.of("jdbc:postgresql://h/db?password=inurl");
        DriverDataSource withUser = base.withUser("app").withPassword("hunter2".toCharArray());
        assertThat(withUser).isNotSameAs(base);
        assertThat(withUser.toString()).contains("as app").doesNotContain("hunter2").doesNotContain("inurl");
        assertThat(base.toString()).doesNotContain("as app");
    }

    @Test
    void rejectsWhatIsNotAJdbcUrlWithoutEchoingSecrets() {
        assertThatThrownBy(() -> DriverDataSource.of("postgres://u:hunter2@h/db"))
                .hasMessageContaining("jdbc:").hasMessageNotContaining("hunter2");
    }
}
