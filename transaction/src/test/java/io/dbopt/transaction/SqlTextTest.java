package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void masksLiteralsButKeepsIdentifiersAndParameters() {
        assertThat(SqlText.mask("UPDATE  account\n SET balance = 100.5 WHERE owner = 'O''Brien' AND id = $1", false))
                .isEqualTo("UPDATE account SET balance = ? WHERE owner = ? AND id = $1");
        assertThat(SqlText.mask("SELECT \"Col 1\", t2.x FROM t2 WHERE y = $tag$secret$tag$", false))
                .isEqualTo("SELECT \"Col 1\", t2.x FROM t2 WHERE y = ?");
        assertThat(SqlText.mask("INSERT INTO `t` VALUES (\"secret\", 'x\\'y', 3)", true))
                .isEqualTo("INSERT INTO `t` VALUES (?, ?, ?)");
    }

    @Test
    void cutsLongTextAndToleratesUnclosedQuotes() {
        String longSql = "SELECT " + "a, ".repeat(200) + "b FROM t";
        assertThat(SqlText.mask(longSql, false)).hasSize(SqlText.MAX_LENGTH + 3).endsWith("...");
        assertThat(SqlText.mask("SELECT 'unclosed secret", false)).isEqualTo("SELECT ?");
        assertThat(SqlText.mask(null, false)).isEmpty();
    }
}
