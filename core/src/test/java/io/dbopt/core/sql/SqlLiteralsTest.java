package io.dbopt.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlLiteralsTest {

    private static final SqlSyntax PG = SqlSyntax.postgres();
    private static final SqlSyntax MARIA = SqlSyntax.mariaDb();

    @Test
    void masksEveryLiteralAndKeepsNamesOperatorsAndParameters() {
        assertThat(SqlLiterals.mask("UPDATE  account\n SET balance = 100.5 WHERE owner = 'O''Brien' AND id = $1",
                PG, 300)).isEqualTo("UPDATE account SET balance = ? WHERE owner = ? AND id = $1");
        assertThat(SqlLiterals.mask("SELECT \"Col 1\", t2.x FROM t2 WHERE y = $tag$secret$tag$ AND z = E'\\'s'",
                PG, 300)).isEqualTo("SELECT \"Col 1\", t2.x FROM t2 WHERE y = ? AND z = ?");
        assertThat(SqlLiterals.mask("INSERT INTO `t` VALUES (\"secret\", 'x\\'y', 3, 0x1F, X'AB', ?)", MARIA, 300))
                .isEqualTo("INSERT INTO `t` VALUES (?, ?, ?, ?, ?, ?)");
    }

    @Test
    void keepsTokensThatWereWrittenTogetherTogether() {
        assertThat(SqlLiterals.mask("UPDATE items SET qty=qty+10 WHERE id=1 AND note = 'secret'", MARIA, 300))
                .isEqualTo("UPDATE items SET qty=qty+? WHERE id=? AND note = ?");
        assertThat(SqlLiterals.mask("SELECT x::int[] FROM t WHERE j->>'k' = '1'", PG, 300))
                .isEqualTo("SELECT x::int[] FROM t WHERE j->>? = ?");
    }

    @Test
    void dropsCommentsBecauseTheyCanCarryValues() {
        assertThat(SqlLiterals.mask("SELECT /* user=alice@example.org */ 1 -- card 4111\nFROM t", PG, 300))
                .isEqualTo("SELECT ? FROM t");
        assertThat(SqlLiterals.mask("SELECT a/*x*/FROM t # 42", MARIA, 300)).isEqualTo("SELECT a FROM t");
    }

    @Test
    void masksDoubleQuotedMariaDbStringsButNotAnsiQuotedIdentifiers() {
        assertThat(SqlLiterals.mask("SELECT \"secret\"", MARIA, 100)).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT \"col\"", SqlSyntax.mariaDb("ANSI_QUOTES"), 100))
                .isEqualTo("SELECT \"col\"");
    }

    @Test
    void cutsToTheLimitWithAnEllipsis() {
        String longSql = "SELECT " + "a, ".repeat(200) + "b FROM t";
        assertThat(SqlLiterals.mask(longSql, PG, 40)).hasSize(40).startsWith("SELECT a, a,").endsWith("...");
        assertThat(SqlLiterals.mask("SELECT 1", PG, 8)).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT 12", PG, 8)).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT ab", PG, 8)).isEqualTo("SELEC...");
        assertThat(SqlLiterals.mask("SELECT \uD83D\uDE00\uD83D\uDE00x", PG, 11)).isEqualTo("SELECT ...");
        assertThat(SqlLiterals.mask(longSql, PG, Integer.MAX_VALUE)).hasSize(longSql.length());
    }

    @Test
    void toleratesUnclosedQuotesMissingAndBlankText() {
        assertThat(SqlLiterals.mask("SELECT 'unclosed secret", PG, 300)).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT $$ unclosed secret", PG, 300)).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT 1 /* unclosed 'secret'", PG, 300)).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT \"open, 'secret' FROM t", PG, 300)).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT `a``", MARIA, 300)).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT \"a\"\"\"", PG, 300)).isEqualTo("SELECT \"a\"\"\"");
        assertThat(SqlLiterals.mask(null, PG, 300)).isEmpty();
        assertThat(SqlLiterals.mask(" \n ", PG, 300)).isEmpty();
    }

    @Test
    void rejectsALimitWithNoRoomForText() {
        assertThatThrownBy(() -> SqlLiterals.mask("SELECT 1", PG, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLength 3");
    }
}
