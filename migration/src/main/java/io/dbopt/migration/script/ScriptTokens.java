package io.dbopt.migration.script;

import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlSyntax;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A script's tokens the way a client splits it into statements: core's {@link SqlLexer} tokens, with the statement
 * delimiters marked. On PostgreSQL the delimiter is a {@code ;} outside parentheses and outside a SQL-standard
 * function body, as psql reads it. On MariaDB it is {@code ;}, or what a client {@code DELIMITER} directive set (the
 * directive's line is consumed); like the {@code mysql} client, a delimiter is found wherever it starts outside
 * strings, quoted identifiers and comments, even inside a word ({@code END$$}), and a token it cuts is split.
 * Stateless.
 */
final class ScriptTokens {

    /**
     * A token of the script, or a delimiter.
     *
     * @param token the token; for a delimiter, its text and place
     * @param delimiter whether this ends a statement
     */
    record Piece(SqlToken token, boolean delimiter) {
    }

    private static final java.util.Set<String> ROUTINE_HEAD = java.util.Set.of("create", "or", "replace", "function",
            "procedure");

    private ScriptTokens() {
    }

    /** The pieces of a whole script, in order. */
    static List<Piece> split(String text, boolean mariaDb) {
        return mariaDb ? splitMariaDb(text) : splitPostgres(text);
    }

    /**
     * PostgreSQL, split as psql (and Flyway) split: a {@code ;} ends a statement only outside parentheses (a rule's
     * {@code DO (a; b)}) and outside the {@code BEGIN ... END} of a SQL-standard function body
     * ({@code CREATE FUNCTION ... BEGIN ATOMIC ...; END}), where psql counts BEGIN, CASE and END the same way.
     */
    private static List<Piece> splitPostgres(String text) {
        List<Piece> pieces = new ArrayList<>();
        int parens = 0;
        int begins = 0;
        StringBuilder head = new StringBuilder();
        int words = 0;
        for (SqlToken t : SqlLexer.tokenize(text, SqlSyntax.postgres())) {
            if (t.kind() == SqlTokenKind.PUNCTUATION && t.text().equals(";") && parens == 0 && begins == 0) {
                pieces.add(new Piece(t, true));
                head.setLength(0);
                words = 0;
                continue;
            }
            pieces.add(new Piece(t, false));
            if (t.kind() == SqlTokenKind.PUNCTUATION && (t.text().equals("(") || t.text().equals("["))) {
                parens++;
            } else if (t.kind() == SqlTokenKind.PUNCTUATION && (t.text().equals(")") || t.text().equals("]"))) {
                parens = Math.max(0, parens - 1);
            } else if (t.kind() == SqlTokenKind.WORD) {
                String word = t.text().toLowerCase(java.util.Locale.ROOT);
                if (words < 4 && ROUTINE_HEAD.contains(word)) {
                    head.append(word.charAt(0));
                }
                words++;
                String h = head.toString();
                boolean routine = parens == 0 && (h.startsWith("cf") || h.startsWith("cp") || h.startsWith("corf")
                        || h.startsWith("corp"));
                if (routine && word.equals("begin")) {
                    begins++;
                } else if (routine && word.equals("case") && begins >= 1) {
                    begins++;
                } else if (routine && word.equals("end") && begins > 0) {
                    begins--;
                }
            }
        }
        return pieces;
    }

    private static List<Piece> splitMariaDb(String text) {
        SqlSyntax syntax = SqlSyntax.mariaDb();
        List<Piece> pieces = new ArrayList<>();
        String delimiter = ";";
        int offset = 0;
        int line = 1;
        boolean atStatementStart = true;
        lexing:
        while (true) {
            List<SqlToken> tokens = SqlLexer.tokenize(text.substring(offset), syntax);
            List<Piece> run = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                SqlToken t = shift(tokens.get(i), offset, line - 1);
                boolean code = isCode(t);
                run.add(new Piece(t, false));
                boolean runGoesOn = code && i + 1 < tokens.size() && isCode(tokens.get(i + 1))
                        && tokens.get(i + 1).start() == tokens.get(i).end();
                if (runGoesOn) {
                    continue;
                }
                for (Piece piece : code ? cut(text, run, delimiter) : run) {
                    SqlToken p = piece.token();
                    if (atStatementStart && p.isWord("DELIMITER")) {
                        int eol = text.indexOf('\n', p.end());
                        eol = eol < 0 ? text.length() : eol;
                        String value = text.substring(p.end(), eol).strip();
                        delimiter = value.isEmpty() ? delimiter : value;
                        offset = eol;
                        line = p.line();
                        continue lexing; // what follows on the line was lexed under the old rules: read it again
                    }
                    pieces.add(piece);
                    if (!p.isComment()) {
                        atStatementStart = piece.delimiter();
                    }
                }
                run.clear();
            }
            return pieces;
        }
    }

    /** Code tokens can hold or join into a delimiter; strings, quoted identifiers and comments cannot. */
    private static boolean isCode(SqlToken t) {
        return t.kind() != SqlTokenKind.COMMENT && t.kind() != SqlTokenKind.STRING
                && t.kind() != SqlTokenKind.QUOTED_IDENTIFIER;
    }

    private static SqlToken shift(SqlToken t, int offset, int lines) {
        return offset == 0 && lines == 0 ? t
                : new SqlToken(t.kind(), t.text(), t.start() + offset, t.end() + offset, t.line() + lines);
    }

    /** A run of adjacent code tokens (one line, no space) with each occurrence of the delimiter marked. */
    private static List<Piece> cut(String text, List<Piece> run, String delimiter) {
        int runStart = run.get(0).token().start();
        int runEnd = run.get(run.size() - 1).token().end();
        int found = find(text, delimiter, runStart, runEnd);
        if (found < 0) {
            return run;
        }
        int line = run.get(0).token().line();
        List<Piece> out = new ArrayList<>();
        int from = runStart;
        while (found >= 0) {
            addClipped(run, from, found, out);
            int end = found + delimiter.length();
            out.add(new Piece(new SqlToken(SqlTokenKind.PUNCTUATION, delimiter, found, end, line), true));
            from = end;
            found = find(text, delimiter, from, runEnd);
        }
        addClipped(run, from, runEnd, out);
        return out;
    }

    /** Where the delimiter starts within {@code from..to}, or -1; looks no further than the run. */
    private static int find(String text, String delimiter, int from, int to) {
        for (int at = from; at + delimiter.length() <= to; at++) {
            if (text.startsWith(delimiter, at)) {
                return at;
            }
        }
        return -1;
    }

    /** The parts of the run's tokens that lie within {@code from..to}. */
    private static void addClipped(List<Piece> run, int from, int to, List<Piece> out) {
        for (Piece piece : run) {
            SqlToken t = piece.token();
            int start = Math.max(t.start(), from);
            int end = Math.min(t.end(), to);
            if (start < end) {
                out.add(new Piece(start == t.start() && end == t.end() ? t
                        : new SqlToken(t.kind(), t.text().substring(start - t.start(), end - t.start()), start, end,
                        t.line()), false));
            }
        }
    }
}
