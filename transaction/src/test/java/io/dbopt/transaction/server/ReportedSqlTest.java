package io.dbopt.transaction.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportedSqlTest {

    @Test
    void masksLiteralsButKeepsIdentifiersAndParameters() {
        assertThat(ReportedSql.mask("UPDATE  account\n SET balance = 100.5 WHERE owner = 'O''Brien' AND id = $1", false))
                .isEqualTo("UPDATE account SET balance = ? WHERE owner = ? AND id = $1");
        assertThat(ReportedSql.mask("SELECT \"Col 1\", t2.x FROM t2 WHERE y = $tag$secret$tag$", false))
                .isEqualTo("SELECT \"Col 1\", t2.x FROM t2 WHERE y = ?");
        assertThat(ReportedSql.mask("INSERT INTO `t` VALUES (\"secret\", 'x\\'y', 3)", true))
                .isEqualTo("INSERT INTO `t` VALUES (?, ?, ?)");
    }

    @Test
    void cutsLongTextAndToleratesUnclosedQuotes() {
        String longSql = "SELECT " + "a, ".repeat(200) + "b FROM t";
        assertThat(ReportedSql.mask(longSql, false)).hasSize(ReportedSql.MAX_LENGTH + 3).endsWith("...");
        assertThat(ReportedSql.mask("SELECT 'unclosed secret", false)).isEqualTo("SELECT ?");
        assertThat(ReportedSql.mask(null, false)).isEmpty();
    }
}
