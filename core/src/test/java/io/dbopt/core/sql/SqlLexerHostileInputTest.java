package io.dbopt.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input a server would reject: the lexer must neither throw nor loop, and must account for every character. */
class SqlLexerHostileInputTest {

    private static final List<SqlSyntax> SYNTAXES = List.of(SqlSyntax.postgres(), SqlSyntax.mariaDb(),
            SqlSyntax.mariaDb("ANSI_QUOTES,NO_BACKSLASH_ESCAPES"), SqlSyntax.postgres().withBackslashEscapes(true));

    @ParameterizedTest
    @ValueSource(strings = {"'unterminated", "\"unterminated", "`unterminated", "E'unterminated\\'", "$$unterminated",
        "$tag$ unterminated $ta", "/* unterminated", "/* /* nested */ unterminated", "-- no newline", "# no newline",
        "'ends with backslash\\", "U&'", "U&\"", "x'", "N'", "'", "\"", "`", "$", "$$", "/*", "--", "#", "?", "??",
        "\\", "0x", "1e", "1e+", ".", "..", "::", "0b", "$1a", "\u0000", "\uD800", "\uDC00x"})
    void unterminatedInputEndsInATokenToTheEndOfTheText(String sql) {
        for (SqlSyntax syntax : SYNTAXES) {
            List<SqlToken> tokens = SqlLexer.tokenize(sql, syntax);
            assertThat(tokens).as("%s under %s", sql, syntax).isNotEmpty();
            assertCoversText(sql, tokens);
            assertThat(tokens.get(tokens.size() - 1).end()).isEqualTo(sql.length());
        }
    }

    @Test
    void anUnterminatedStringSwallowsTheRestAsOneToken() {
        List<SqlToken> tokens = SqlLexer.tokenize("SELECT 'abc; DROP TABLE t; --", SqlSyntax.postgres());
        assertThat(tokens).extracting(SqlToken::kind).containsExactly(SqlTokenKind.WORD, SqlTokenKind.STRING);
        List<SqlToken> comment = SqlLexer.tokenize("SELECT 1 /* a /* b */ ; DROP", SqlSyntax.postgres());
        assertThat(comment).extracting(SqlToken::kind).containsExactly(SqlTokenKind.WORD, SqlTokenKind.NUMBER,
                SqlTokenKind.COMMENT);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void randomInputIsFullyAccountedFor() {
        String alphabet = "'\"`$?:;-/*#\\eExXnNuU&_ab1.0\n\t +=<>!@|~^%()[]{},é\u0000";
        Random random = new Random(20240601);
        for (int run = 0; run < 4000; run++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String sql = sb.toString();
            for (SqlSyntax syntax : SYNTAXES) {
                assertCoversText(sql, SqlLexer.tokenize(sql, syntax));
            }
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void largeAdversarialTextStaysLinear() {
        String[] pieces = {"/*", "$a$", "'", "\"", "--", "??", "-", "+-", "=+-", "(", "e'", "\\", "$a", "1e"};
        for (String piece : pieces) {
            String sql = piece.repeat(100_000);
            for (SqlSyntax syntax : SYNTAXES) {
                List<SqlToken> tokens = SqlLexer.tokenize(sql, syntax); // a quadratic pass would hit the timeout
                int covered = 0;
                for (SqlToken t : tokens) {
                    covered += t.text().length();
                }
                assertThat(covered).as("%s under %s", piece, syntax).isEqualTo(sql.length());
            }
        }
    }

    /** Tokens in order, each its source text, with only white space between them and correct line numbers. */
    static void assertCoversText(String sql, List<SqlToken> tokens) {
        int previousEnd = 0;
        int line = 1;
        for (SqlToken t : tokens) {
            assertThat(t.start()).as("token %s in %s", t, sql).isGreaterThanOrEqualTo(previousEnd);
            String gap = sql.substring(previousEnd, t.start());
            assertThat(gap.isBlank()).as("gap before %s in %s", t, sql).isTrue();
            line += newlines(gap);
            assertThat(t.text()).isEqualTo(sql.substring(t.start(), t.end()));
            assertThat(t.line()).as("line of %s", t).isEqualTo(line);
            line += newlines(t.text());
            previousEnd = t.end();
        }
        assertThat(sql.substring(previousEnd).isBlank()).as("tail of %s", sql).isTrue();
    }

    private static int newlines(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += text.charAt(i) == '\n' ? 1 : 0;
        }
        return n;
    }
}
