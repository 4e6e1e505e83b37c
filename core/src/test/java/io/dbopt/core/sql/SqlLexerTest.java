package io.dbopt.core.sql;

import static io.dbopt.core.sql.SqlTokenKind.COMMENT;
import static io.dbopt.core.sql.SqlTokenKind.NUMBER;
import static io.dbopt.core.sql.SqlTokenKind.OPERATOR;
import static io.dbopt.core.sql.SqlTokenKind.PARAMETER;
import static io.dbopt.core.sql.SqlTokenKind.PUNCTUATION;
import static io.dbopt.core.sql.SqlTokenKind.QUOTED_IDENTIFIER;
import static io.dbopt.core.sql.SqlTokenKind.STRING;
import static io.dbopt.core.sql.SqlTokenKind.WORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static final SqlSyntax PG = SqlSyntax.postgres();
    private static final SqlSyntax MARIA = SqlSyntax.mariaDb();

    static List<String> texts(String sql, SqlSyntax syntax) {
        return SqlLexer.tokenize(sql, syntax).stream().map(SqlToken::text).toList();
    }

    static List<SqlTokenKind> kinds(String sql, SqlSyntax syntax) {
        return SqlLexer.tokenize(sql, syntax).stream().map(SqlToken::kind).toList();
    }

    static SqlToken only(String sql, SqlSyntax syntax) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql, syntax);
        assertThat(tokens).as("tokens of %s", sql).hasSize(1);
        return tokens.get(0);
    }

    @Test
    void splitsAStatementIntoTokensWithOffsetsAndLines() {
        List<SqlToken> tokens = SqlLexer.tokenize("SELECT a,\n  b FROM t\nWHERE x = ?;", PG);
        assertThat(tokens).extracting(SqlToken::kind, SqlToken::text, SqlToken::start, SqlToken::end, SqlToken::line)
                .containsExactly(
                        tuple(WORD, "SELECT", 0, 6, 1),
                        tuple(WORD, "a", 7, 8, 1),
                        tuple(PUNCTUATION, ",", 8, 9, 1),
                        tuple(WORD, "b", 12, 13, 2),
                        tuple(WORD, "FROM", 14, 18, 2),
                        tuple(WORD, "t", 19, 20, 2),
                        tuple(WORD, "WHERE", 21, 26, 3),
                        tuple(WORD, "x", 27, 28, 3),
                        tuple(OPERATOR, "=", 29, 30, 3),
                        tuple(PARAMETER, "?", 31, 32, 3),
                        tuple(PUNCTUATION, ";", 32, 33, 3));
    }

    @Test
    void wordsKeepTheirCaseAndCompareIgnoringIt() {
        SqlToken select = SqlLexer.tokenize("SeLeCt 1", PG).get(0);
        assertThat(select.text()).isEqualTo("SeLeCt");
        assertThat(select.is("select")).isTrue();
        assertThat(select.isWord("SELECT")).isTrue();
        assertThat(only("'select'", PG).is("select")).isFalse();
        assertThat(only("\"select\"", PG).isWord("select")).isFalse();
        assertThat(only("::", PG).is("::")).isTrue();
    }

    @Test
    void linesCountNewlinesInsideStringsCommentsAndQuotedIdentifiers() {
        String sql = "SELECT 'a\nb', \"c\nd\" /* e\nf */ -- g\n$$h\ni$$ x";
        assertThat(SqlLexer.tokenize(sql, PG)).extracting(SqlToken::text, SqlToken::line).containsExactly(
                tuple("SELECT", 1), tuple("'a\nb'", 1), tuple(",", 2), tuple("\"c\nd\"", 2),
                tuple("/* e\nf */", 3), tuple("-- g", 4), tuple("$$h\ni$$", 5), tuple("x", 6));
        assertThat(SqlLexer.tokenize("a\r\nb", PG)).extracting(SqlToken::line).containsExactly(1, 2);
    }

    @Test
    void dropsCommentsOnlyWhenAsked() {
        assertThat(SqlLexer.tokenizeWithoutComments("SELECT /* x */ 1 -- y", PG)).extracting(SqlToken::text)
                .containsExactly("SELECT", "1");
        assertThat(SqlLexer.tokenize("SELECT /* x */ 1 -- y", PG)).extracting(SqlToken::kind)
                .containsExactly(WORD, COMMENT, NUMBER, COMMENT);
    }

    @Test
    void tokenizesForADialect() {
        Dialect maria = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));
        Dialect pg = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
        assertThat(SqlLexer.tokenize("\"x\"", maria).get(0).kind()).isEqualTo(STRING);
        assertThat(SqlLexer.tokenize("\"x\"", pg).get(0).kind()).isEqualTo(QUOTED_IDENTIFIER);
    }

    @Test
    void tokenListsAreUnmodifiable() {
        List<SqlToken> tokens = SqlLexer.tokenize("SELECT 1", PG);
        assertThatThrownBy(() -> tokens.add(tokens.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(SqlLexer.tokenize("", PG)).isEmpty();
        assertThat(SqlLexer.tokenize(" \n\t ", PG)).isEmpty();
    }

    @Test
    void rejectsInconsistentTokens() {
        assertThatThrownBy(() -> new SqlToken(WORD, "abc", 0, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("span start..end");
        assertThatThrownBy(() -> new SqlToken(WORD, "", 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlToken(WORD, "a", 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** PostgreSQL's lexical rules. */
    @Nested
    class Postgres {

        @Test
        void readsStringsWithDoubledQuotesAndNoBackslashEscapes() {
            assertThat(only("'it''s'", PG).kind()).isEqualTo(STRING);
            assertThat(texts("'C:\\' , 'x'", PG)).containsExactly("'C:\\'", ",", "'x'");
            assertThat(texts("'a\\'b'", PG.withBackslashEscapes(true))).containsExactly("'a\\'b'");
        }

        @Test
        void readsPrefixedStrings() {
            assertThat(texts("E'a\\'b' e'\\\\' B'101' x'1F' N'n' U&'d\\0061t' u&\"Col\"", PG)).containsExactly(
                    "E'a\\'b'", "e'\\\\'", "B'101'", "x'1F'", "N'n'", "U&'d\\0061t'", "u&\"Col\"");
            assertThat(kinds("E'x' U&\"Col\"", PG)).containsExactly(STRING, QUOTED_IDENTIFIER);
            assertThat(texts("name'x'", PG)).containsExactly("name", "'x'");
        }

        @Test
        void readsQuotedIdentifiersWithDoubledQuotes() {
            SqlToken t = only("\"a \"\"b\"\" c\"", PG);
            assertThat(t.kind()).isEqualTo(QUOTED_IDENTIFIER);
            assertThat(texts("\"a\\\" b", PG)).containsExactly("\"a\\\"", "b");
        }

        @Test
        void readsDollarQuotes() {
            assertThat(texts("DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;", PG))
                    .containsExactly("DO", "$$ BEGIN RAISE NOTICE 'x;y'; END $$", ";");
            assertThat(texts("$fn$ a $$ b $fn$ x", PG)).containsExactly("$fn$ a $$ b $fn$", "x");
            assertThat(texts("$_t1$ ' $_t1$", PG)).containsExactly("$_t1$ ' $_t1$");
            assertThat(texts("$a$ x $A$ y", PG)).containsExactly("$a$ x $A$ y"); // tags are case-sensitive
        }

        @Test
        void readsNumberedParametersAndDollarsInIdentifiers() {
            assertThat(kinds("$1 $23 a$1 a$b$ $", PG)).containsExactly(PARAMETER, PARAMETER, WORD, WORD, PUNCTUATION);
            assertThat(texts("$1::int", PG)).containsExactly("$1", "::", "int");
        }

        @Test
        void readsNumbers() {
            assertThat(texts("42 3.14 .5 5. 1e10 2.5E-3 1_000_000 0x1F 0o17 0b101", PG)).containsExactly(
                    "42", "3.14", ".5", "5.", "1e10", "2.5E-3", "1_000_000", "0x1F", "0o17", "0b101");
            assertThat(kinds("42 3.14 .5 5. 1e10 2.5E-3 1_000_000 0x1F 0o17 0b101", PG)).containsOnly(NUMBER);
            assertThat(texts("1e x 1_ 1..2 t.a 123abc", PG))
                    .containsExactly("1", "e", "x", "1", "_", "1", ".", ".2", "t", ".", "a", "123", "abc");
        }

        @Test
        void readsOperatorsTheWayTheServerDoes() {
            assertThat(texts("a::text, j->>'k', j->'k', j @> '{}', j <@ k, a <> b, a != b, a >= b, f(x => 1)", PG))
                    .contains("::", "->>", "->", "@>", "<@", "<>", "!=", ">=", "=>");
            assertThat(texts("a||b a~~*b a!~b a#-b", PG)).contains("||", "~~*", "!~", "#-");
            // a trailing + or - is a prefix operator of the operand unless the operator has a special character
            assertThat(texts("x=-1 x*-1 x<-1 x@-1", PG))
                    .containsExactly("x", "=", "-", "1", "x", "*", "-", "1", "x", "<", "-", "1", "x", "@-", "1");
            // a comment start ends an operator
            assertThat(texts("x=--c\n1 x*/*c*/1", PG)).containsExactly("x", "=", "--c", "1", "x", "*", "/*c*/", "1");
            assertThat(kinds("a # b", PG)).containsExactly(WORD, OPERATOR, WORD);
        }

        @Test
        void tellsJdbcPlaceholdersFromTheEscapedQuestionMarkOperators() {
            assertThat(SqlLexer.tokenize("a=? AND j ?? 'k' AND j ??| b AND j @?? p AND k ?| c AND ???", PG))
                    .extracting(SqlToken::kind, SqlToken::text).containsExactly(
                            tuple(WORD, "a"), tuple(OPERATOR, "="), tuple(PARAMETER, "?"),
                            tuple(WORD, "AND"), tuple(WORD, "j"), tuple(OPERATOR, "??"), tuple(STRING, "'k'"),
                            tuple(WORD, "AND"), tuple(WORD, "j"), tuple(OPERATOR, "??|"), tuple(WORD, "b"),
                            tuple(WORD, "AND"), tuple(WORD, "j"), tuple(OPERATOR, "@??"), tuple(WORD, "p"),
                            tuple(WORD, "AND"), tuple(WORD, "k"), tuple(PARAMETER, "?"), tuple(OPERATOR, "|"),
                            tuple(WORD, "c"), tuple(WORD, "AND"), tuple(OPERATOR, "??"), tuple(PARAMETER, "?"));
        }

        @Test
        void readsBackticksAsQuotedIdentifiersLikeMariaDb() {
            // not PostgreSQL syntax, but no valid statement has a backtick outside a user-defined operator's name
            assertThat(SqlLexer.tokenize("SELECT `a``b` FROM t", PG)).extracting(SqlToken::kind)
                    .containsExactly(WORD, QUOTED_IDENTIFIER, WORD, WORD);
        }

        @Test
        void nestsBlockComments() {
            assertThat(texts("a /* x /* y */ z */ b", PG)).containsExactly("a", "/* x /* y */ z */", "b");
            assertThat(texts("a /**/ b /*/ c */ d", PG)).containsExactly("a", "/**/", "b", "/*/ c */", "d");
        }

        @Test
        void readsLineCommentsAndHashAsAnOperator() {
            assertThat(texts("a --x;y\nb", PG)).containsExactly("a", "--x;y", "b");
            assertThat(kinds("a # b", PG)).containsExactly(WORD, OPERATOR, WORD);
        }

        @Test
        void readsPunctuationAndUnknownCharacters() {
            assertThat(SqlLexer.tokenize("a[1:2] {fn x} ;\\", PG)).extracting(SqlToken::kind, SqlToken::text)
                    .containsExactly(tuple(WORD, "a"), tuple(PUNCTUATION, "["), tuple(NUMBER, "1"),
                            tuple(PUNCTUATION, ":"), tuple(NUMBER, "2"), tuple(PUNCTUATION, "]"),
                            tuple(PUNCTUATION, "{"), tuple(WORD, "fn"), tuple(WORD, "x"), tuple(PUNCTUATION, "}"),
                            tuple(PUNCTUATION, ";"), tuple(PUNCTUATION, "\\"));
        }

        @Test
        void readsNonAsciiIdentifiers() {
            assertThat(texts("SELECT größe, 名前 FROM tëst", PG))
                    .containsExactly("SELECT", "größe", ",", "名前", "FROM", "tëst");
            assertThat(texts("SELECT \uD83D\uDE00x", PG)).containsExactly("SELECT", "\uD83D\uDE00x");
        }
    }

    /** MariaDB's lexical rules. */
    @Nested
    class MariaDb {

        @Test
        void readsDoubleQuotesAsStringsUnlessAnsiQuotes() {
            assertThat(only("\"a\\\"b\"", MARIA).kind()).isEqualTo(STRING);
            assertThat(only("\"a\"\"b\"", MARIA).kind()).isEqualTo(STRING);
            SqlSyntax ansi = SqlSyntax.mariaDb("STRICT_TRANS_TABLES,ANSI_QUOTES");
            assertThat(texts("\"a\\\" b", ansi)).containsExactly("\"a\\\"", "b");
            assertThat(kinds("\"a\"", ansi)).containsExactly(QUOTED_IDENTIFIER);
        }

        @Test
        void readsBackslashEscapesUnlessNoBackslashEscapes() {
            assertThat(texts("'it\\'s' x", MARIA)).containsExactly("'it\\'s'", "x");
            assertThat(texts("'a\\\\' x", MARIA)).containsExactly("'a\\\\'", "x");
            assertThat(texts("'C:\\' x", SqlSyntax.mariaDb("no_backslash_escapes"))).containsExactly("'C:\\'", "x");
        }

        @Test
        void readsBackticksWithDoubledBackticks() {
            SqlToken t = only("`a``b`", MARIA);
            assertThat(t.kind()).isEqualTo(QUOTED_IDENTIFIER);
            assertThat(texts("`a\\` b`", MARIA)).containsExactly("`a\\`", "b", "`");
        }

        @Test
        void readsPrefixedStringsButNotPostgresOnes() {
            assertThat(kinds("N'x' X'1F' b'01'", MARIA)).containsExactly(STRING, STRING, STRING);
            assertThat(texts("E'x' U&'y'", MARIA)).containsExactly("E", "'x'", "U", "&", "'y'");
            assertThat(texts("_utf8mb4'x'", MARIA)).containsExactly("_utf8mb4", "'x'");
        }

        @Test
        void readsHashCommentsAndDashCommentsOnlyBeforeWhiteSpace() {
            assertThat(texts("a # x;y\nb", MARIA)).containsExactly("a", "# x;y", "b");
            assertThat(texts("a -- x\nb --\nc --", MARIA)).containsExactly("a", "-- x", "b", "--", "c", "--");
            assertThat(kinds("5--1", MARIA)).containsExactly(NUMBER, OPERATOR, OPERATOR, NUMBER);
            assertThat(kinds("5--1", PG)).containsExactly(NUMBER, COMMENT);
        }

        @Test
        void doesNotNestBlockComments() {
            assertThat(texts("a /* x /* y */ b */", MARIA)).containsExactly("a", "/* x /* y */", "b", "*", "/");
            assertThat(texts("/*!40101 SET NAMES utf8 */ x", MARIA)).containsExactly("/*!40101 SET NAMES utf8 */", "x");
        }

        @Test
        void treatsDollarsAsIdentifierCharacters() {
            assertThat(SqlLexer.tokenize("$$ $1 a$b $t$x$t$", MARIA)).extracting(SqlToken::kind)
                    .containsOnly(WORD).hasSize(4);
        }

        @Test
        void readsIdentifiersThatStartWithDigits() {
            assertThat(SqlLexer.tokenize("1st_quarter 0xZZ 12 1e5 0x1F 1.5", MARIA))
                    .extracting(SqlToken::kind, SqlToken::text).containsExactly(
                            tuple(WORD, "1st_quarter"), tuple(WORD, "0xZZ"), tuple(NUMBER, "12"),
                            tuple(NUMBER, "1e5"), tuple(NUMBER, "0x1F"), tuple(NUMBER, "1.5"));
            assertThat(texts("1_000", MARIA)).containsExactly("1_000");
            assertThat(kinds("1_000", MARIA)).containsExactly(WORD);
        }

        @Test
        void readsItsFixedOperators() {
            assertThat(texts("a<=>b a!=-1 a<=-1 a:=1 a&&b a||b a<<2 x=-1 @@session.x @v", MARIA)).containsExactly(
                    "a", "<=>", "b", "a", "!=", "-", "1", "a", "<=", "-", "1", "a", ":=", "1", "a", "&&", "b",
                    "a", "||", "b", "a", "<<", "2", "x", "=", "-", "1", "@@", "session", ".", "x", "@", "v");
            assertThat(SqlLexer.tokenize("a=? and b ?? c", MARIA)).extracting(SqlToken::kind)
                    .containsExactly(WORD, OPERATOR, PARAMETER, WORD, WORD, OPERATOR, WORD);
        }
    }

    @Test
    void mySqlFollowsMariaDbRules() {
        Dialect mysql = Dialect.of(DatabaseProduct.MYSQL, ServerVersion.of(8, 0, 36));
        assertThat(SqlLexer.tokenize("`a` # c", mysql)).extracting(SqlToken::kind)
                .containsExactly(QUOTED_IDENTIFIER, COMMENT);
    }
}
