package io.dbopt.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import org.junit.jupiter.api.Test;

class SqlSyntaxTest {

    @Test
    void defaultsFollowTheServers() {
        assertThat(SqlSyntax.postgres()).isEqualTo(new SqlSyntax(DatabaseProduct.POSTGRESQL, false, false));
        assertThat(SqlSyntax.mariaDb()).isEqualTo(new SqlSyntax(DatabaseProduct.MARIADB, true, true));
        assertThat(SqlSyntax.of(Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(16, 0, 0))).isPostgres())
                .isTrue();
        assertThat(SqlSyntax.of(Dialect.of(DatabaseProduct.MYSQL, ServerVersion.of(8, 0, 0))))
                .isEqualTo(new SqlSyntax(DatabaseProduct.MYSQL, true, true));
    }

    @Test
    void readsTheMariaDbSqlMode() {
        assertThat(SqlSyntax.mariaDb("STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO")).isEqualTo(SqlSyntax.mariaDb());
        assertThat(SqlSyntax.mariaDb("ansi_quotes")).isEqualTo(new SqlSyntax(DatabaseProduct.MARIADB, true, false));
        assertThat(SqlSyntax.mariaDb("ANSI")).isEqualTo(new SqlSyntax(DatabaseProduct.MARIADB, true, false));
        assertThat(SqlSyntax.mariaDb(" NO_BACKSLASH_ESCAPES , ANSI_QUOTES"))
                .isEqualTo(new SqlSyntax(DatabaseProduct.MARIADB, false, false));
        assertThat(SqlSyntax.mariaDb("")).isEqualTo(SqlSyntax.mariaDb());
    }

    @Test
    void refusesDoubleQuotedStringsOnPostgres() {
        assertThatThrownBy(() -> new SqlSyntax(DatabaseProduct.POSTGRESQL, false, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifier");
        assertThat(SqlSyntax.postgres().withBackslashEscapes(true).backslashEscapes()).isTrue();
    }
}
