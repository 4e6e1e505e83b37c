package io.dbopt.migration.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideStringsCommentsAndDollarQuotesKeepingLines() {
        SqlScript script = SqlScript.parse("V1__a.sql", """
                CREATE TABLE t (note text DEFAULT ';');  -- a ; in a comment
                /* ; */ INSERT INTO t VALUES (E'it\\'s; fine');
                DO $fn$ BEGIN PERFORM 1; END $fn$;
                SELECT ";" FROM t""", false);
        assertThat(script.statements()).extracting(ScriptStatement::line, ScriptStatement::sql).containsExactly(
                tuple(1, "CREATE TABLE t (note text DEFAULT ';')"),
                tuple(2, "INSERT INTO t VALUES (E'it\\'s; fine')"),
                tuple(3, "DO $fn$ BEGIN PERFORM 1; END $fn$"),
                tuple(4, "SELECT \";\" FROM t"));
    }

    @Test
    void splitsPostgresLikePsqlInsideParenthesesAndFunctionBodies() {
        SqlScript script = SqlScript.parse("V5__r.sql", """
                CREATE RULE r AS ON INSERT TO t DO INSTEAD (DELETE FROM t; NOTIFY t);
                CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC
                  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
                  SELECT a;
                END;
                  SELECT 1;""", false);
        assertThat(script.statements()).extracting(ScriptStatement::line, ScriptStatement::column).containsExactly(
                tuple(1, 1), tuple(2, 1), tuple(6, 3));
        assertThat(script.statement(2).sql()).endsWith("SELECT a;\nEND");
        assertThat(script.statement(2).endLine()).isEqualTo(5);
    }

    @Test
    void honoursMariaDbDelimiterDirectivesEvenRightAfterAWord() {
        SqlScript script = SqlScript.parse("V2__p.sql", """
                DELIMITER //
                CREATE PROCEDURE p() BEGIN SELECT 1; SELECT '//'; END//
                DELIMITER $$
                CREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END$$
                DELIMITER ;
                CALL p();
                """, true);
        assertThat(script.statements()).extracting(ScriptStatement::line, ScriptStatement::sql).containsExactly(
                tuple(2, "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT '//'; END"),
                tuple(4, "CREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END"),
                tuple(6, "CALL p()"));
    }

    @Test
    void readsMariaDbCommentsAndStrings() {
        SqlScript script = SqlScript.parse("V3__m.sql", """
                INSERT INTO t VALUES ("a;b", 'c\\';d'); # dbopt:ignore drop-column kept for the report
                SELECT 5--1;
                """, true);
        assertThat(script.statements()).extracting(ScriptStatement::sql)
                .containsExactly("INSERT INTO t VALUES (\"a;b\", 'c\\';d')", "SELECT 5--1");
        assertThat(script.statement(1).isSuppressed("migration.drop-column")).isTrue();
    }

    @Test
    void anUnterminatedStringOrCommentEndsTheLastStatementInsteadOfFailing() {
        assertThat(SqlScript.parse("V4__u.sql", "SELECT 1; SELECT 'open; SELECT 2;", false).statements())
                .extracting(ScriptStatement::sql).containsExactly("SELECT 1", "SELECT 'open; SELECT 2;");
        assertThat(SqlScript.parse("V4__u.sql", "SELECT 1; /* open; SELECT 2;", false).statements())
                .extracting(ScriptStatement::sql).containsExactly("SELECT 1");
    }
}
