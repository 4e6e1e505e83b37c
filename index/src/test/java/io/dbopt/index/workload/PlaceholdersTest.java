package io.dbopt.index.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private static final Dialect MARIADB = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));

    @Test
    void countsPlaceholdersOutsideLiteralsAndComments() {
        String sql = "SELECT '?', \"a?\" FROM t /* ? */ WHERE a = ? AND b = $$?$$ -- ?\n AND c = ?";
        assertThat(Placeholders.questionMarkCount(sql, PG)).isEqualTo(2);
        assertThat(Placeholders.dollarParameterCount("SELECT $1, $12 FROM t WHERE x = '$3'", PG)).isEqualTo(12);
    }

    @Test
    void convertsJdbcPlaceholdersAndKeepsTheEscapedJsonbOperator() {
        assertThat(Placeholders.questionMarksToDollars("SELECT 1 FROM t WHERE a = ? AND doc ?? 'k' AND b = ?", PG))
                .isEqualTo("SELECT 1 FROM t WHERE a = $1 AND doc ? 'k' AND b = $2");
        assertThat(Placeholders.escapeQuestionMarks("SELECT 1 FROM t WHERE doc ? $1", PG))
                .isEqualTo("SELECT 1 FROM t WHERE doc ?? $1");
    }

    @Test
    void replacesPlaceholdersWithLiteralsInOrderAndRejectsWrongCounts() {
        assertThat(Placeholders.replaceQuestionMarks("SELECT * FROM t WHERE a = ? AND b = '?' AND c = ?", MARIADB,
                List.of("1", "'x'"))).isEqualTo("SELECT * FROM t WHERE a = 1 AND b = '?' AND c = 'x'");
        assertThatThrownBy(() -> Placeholders.replaceQuestionMarks("SELECT ?", MARIADB, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalisedTextHidesLiteralValues() {
        String normal = Placeholders.normalize("SELECT *  FROM users\n WHERE email = 'alice@example.org' AND age > 42",
                PG, 200);
        assertThat(normal).isEqualTo("SELECT * FROM users WHERE email = ? AND age > ?").doesNotContain("alice");
        assertThat(Placeholders.normalize("SELECT " + "x, ".repeat(100) + "y FROM t", PG, 40)).hasSize(40).endsWith("...");
    }

    @Test
    void mariaDbBackslashEscapesDoNotEndAString() {
        assertThat(Placeholders.questionMarkCount("SELECT 'it\\'s ?' FROM t WHERE a = ?", MARIADB)).isOne();
        assertThat(Placeholders.questionMarkCount("SELECT 'C:\\' FROM t WHERE a = ?", PG)).isOne();
    }

    @Test
    void detectsASecondStatement() {
        assertThat(Placeholders.hasStatementSeparator("SELECT 1;", PG)).isFalse();
        assertThat(Placeholders.hasStatementSeparator("SELECT ';'", PG)).isFalse();
        assertThat(Placeholders.hasStatementSeparator("SELECT 1; DROP TABLE t", PG)).isTrue();
    }

    @Test
    void makesMariaDbDigestsParseable() {
        assertThat(Placeholders.fromDigest("SELECT * FROM `t` WHERE `a` IN (...) AND `b` IN (?, ...)"))
                .isEqualTo("SELECT * FROM `t` WHERE `a` IN (?) AND `b` IN (?)");
    }
}
