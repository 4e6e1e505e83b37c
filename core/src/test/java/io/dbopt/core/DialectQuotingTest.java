package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DialectQuotingTest {

    private final Dialect postgres = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private final Dialect mariadb = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));

    @Test
    void leavesPlainNamesBareAndQuotesTheRest() {
        assertThat(postgres.quote("orders")).isEqualTo("orders");
        assertThat(postgres.quote("Orders")).isEqualTo("\"Orders\"");
        assertThat(postgres.quote("order")).isEqualTo("\"order\"");
        assertThat(postgres.quote("user")).isEqualTo("\"user\"");
        assertThat(mariadb.quote("Orders")).isEqualTo("Orders");
        assertThat(mariadb.quote("order")).isEqualTo("`order`");
        assertThat(mariadb.quote("1abc")).isEqualTo("`1abc`");
    }

    @Test
    void doublesEmbeddedQuoteCharacters() {
        assertThat(postgres.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(mariadb.quote("a`b")).isEqualTo("`a``b`");
        assertThat(postgres.quote("x\"; DROP TABLE t; --")).isEqualTo("\"x\"\"; DROP TABLE t; --\"");
        assertThat(postgres.quoteAlways("plain")).isEqualTo("\"plain\"");
    }

    @Test
    void rejectsNulEmptyAndNull() {
        assertThatThrownBy(() -> postgres.quote("a\0b")).isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("NUL").hasMessageContaining("\\u0000");
        assertThatThrownBy(() -> mariadb.quote("")).isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> mariadb.quote(null)).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void enforcesPostgresLimitInUtf8Bytes() {
        assertThat(postgres.quote("a".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> postgres.quote("a".repeat(64))).isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("64 bytes").hasMessageContaining("63");
        // 32 two-byte characters are 64 bytes
        assertThatThrownBy(() -> postgres.quote("é".repeat(32))).isInstanceOf(InvalidIdentifierException.class);
        assertThat(postgres.quote("é".repeat(31))).isEqualTo("\"" + "é".repeat(31) + "\"");
    }

    @Test
    void enforcesMariaDbLimitInCharactersAndTheBasicPlane() {
        assertThat(mariadb.quote("é".repeat(64))).isEqualTo("`" + "é".repeat(64) + "`");
        assertThatThrownBy(() -> mariadb.quote("a".repeat(65))).isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("65 characters");
        assertThatThrownBy(() -> mariadb.quote("emoji\uD83D\uDE00")).isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("U+1F600");
        assertThatThrownBy(() -> mariadb.quote("trailing ")).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void rejectsUnpairedSurrogates() {
        assertThatThrownBy(() -> postgres.quote("a\uD800b")).isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("surrogate");
    }

    @Test
    void capabilitiesFollowProductAndVersion() {
        assertThat(postgres.supportsTransactionalDdl()).isTrue();
        assertThat(mariadb.supportsTransactionalDdl()).isFalse();
        assertThat(mariadb.supports(Capability.IGNORED_INDEX)).isTrue();
        assertThat(Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 5, 0)).supports(Capability.IGNORED_INDEX))
                .isFalse();
        assertThat(Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(12, 0, 0))
                .supports(Capability.DROP_DATABASE_FORCE)).isFalse();
        assertThatThrownBy(() -> mariadb.require(Capability.JSONB, "GIN advice"))
                .isInstanceOf(UnsupportedDatabaseException.class).hasMessageContaining("GIN advice")
                .hasMessageContaining("MariaDB 10.11.0");
    }

    @Test
    void mySqlIsServedByTheMariaDbDialectButRefusesMariaDbOnlyFeatures() {
        MariaDbDialect mysql = (MariaDbDialect) Dialect.of(DatabaseProduct.MYSQL, ServerVersion.of(8, 0, 36));
        assertThat(mysql.isMySql()).isTrue();
        assertThat(mysql.quote("select")).isEqualTo("`select`");
        assertThatThrownBy(() -> mysql.requireMariaDb("IGNORED index what-if"))
                .isInstanceOf(UnsupportedDatabaseException.class).hasMessageContaining("MySQL 8.0.36");
    }
}
