package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void parsesPostgresVersionStrings() {
        assertThat(ServerVersion.parse("15.20 (Debian 15.20-0+deb12u1)")).isEqualTo(ServerVersion.of(15, 20, 0));
        assertThat(ServerVersion.parse("17.6")).isEqualTo(ServerVersion.of(17, 6, 0));
        assertThat(ServerVersion.parse("9.6.24")).isEqualTo(ServerVersion.of(9, 6, 24));
    }

    @Test
    void parsesMariaDbVersionStringsIncludingTheReplicationPrefix() {
        assertThat(ServerVersion.parse("10.11.19-MariaDB-0+deb12u1")).isEqualTo(ServerVersion.of(10, 11, 19));
        assertThat(ServerVersion.parse("5.5.5-10.6.12-MariaDB")).isEqualTo(ServerVersion.of(10, 6, 12));
        assertThat(ServerVersion.parse("8.0.36")).isEqualTo(ServerVersion.of(8, 0, 36));
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertThat(ServerVersion.of(10, 11, 0).isAtLeast(10, 6)).isTrue();
        assertThat(ServerVersion.of(10, 5, 9).isAtLeast(10, 6)).isFalse();
        assertThat(ServerVersion.of(9, 6, 0).compareTo(ServerVersion.of(10, 0, 0))).isNegative();
        assertThat(ServerVersion.of(15, 20, 0).isAtLeast(15, 20, 0)).isTrue();
    }

    @Test
    void rejectsTextWithoutAVersion() {
        assertThatThrownBy(() -> ServerVersion.parse("unknown")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown");
    }
}
