package io.dbopt.migration.script;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Suppression;
import io.dbopt.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration script split into statements, the way Flyway will send them: by the dialect's delimiter, outside
 * strings, comments and dollar quotes, honouring MariaDB's {@code DELIMITER} directive. Each statement keeps its
 * line number and the suppressions written for it:
 *
 * <pre>{@code
 * -- dbopt:ignore migration.non-concurrent-index the table is empty at this point
 * CREATE INDEX orders_status_idx ON orders (status);
 * ALTER TABLE orders DROP COLUMN legacy; -- dbopt:ignore migration.drop-column removed from code in 2.3
 * }</pre>
 *
 * A suppression comment applies to the next statement, or to the statement that ends on the same line before it.
 * The rule may be written with or without the {@code migration.} prefix; the reason is required. Immutable.
 *
 * @param name the file name used in locations, e.g. {@code V3__add_index.sql}
 * @param statements the statements in order
 */
public record SqlScript(String name, List<ScriptStatement> statements) {

    private static final Pattern IGNORE = Pattern.compile("dbopt:ignore\\b\\s*(\\S*)\\s*(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Validates and copies. */
    public SqlScript {
        Objects.requireNonNull(name, "name");
        statements = List.copyOf(statements);
    }

    /** Splits a script's text for a dialect. */
    public static SqlScript parse(String name, String text, Dialect dialect) {
        return parse(name, text, dialect.product() != DatabaseProduct.POSTGRESQL);
    }

    static SqlScript parse(String name, String text, boolean mariaDb) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<ScriptStatement> statements = new ArrayList<>();
        List<SqlToken> pendingComments = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        List<SqlToken> currentComments = new ArrayList<>();
        int lastDelimiterLine = -1;
        for (ScriptTokens.Piece piece : ScriptTokens.split(body, mariaDb)) {
            SqlToken token = piece.token();
            if (token.isComment()) {
                if (current.isEmpty() && token.line() == lastDelimiterLine && !statements.isEmpty()) {
                    statements.set(statements.size() - 1, withComment(statements.get(statements.size() - 1), token));
                } else if (current.isEmpty()) {
                    pendingComments.add(token);
                } else {
                    currentComments.add(token);
                }
            } else if (piece.delimiter()) {
                if (!current.isEmpty()) {
                    pendingComments.addAll(currentComments);
                    statements.add(statement(statements.size() + 1, body, current, pendingComments));
                    pendingComments = new ArrayList<>();
                }
                current = new ArrayList<>();
                currentComments = new ArrayList<>();
                lastDelimiterLine = token.line();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            pendingComments.addAll(currentComments);
            statements.add(statement(statements.size() + 1, body, current, pendingComments));
        }
        return new SqlScript(name, statements);
    }

    private static ScriptStatement statement(int index, String body, List<SqlToken> tokens, List<SqlToken> comments) {
        String sql = body.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
        List<Suppression> suppressions = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (SqlToken comment : comments) {
            readSuppression(comment, suppressions, bad);
        }
        int start = tokens.get(0).start();
        int column = start - body.lastIndexOf('\n', start - 1);
        return new ScriptStatement(index, tokens.get(0).line(), column, sql, suppressions, bad);
    }

    private static ScriptStatement withComment(ScriptStatement s, SqlToken comment) {
        List<Suppression> suppressions = new ArrayList<>(s.suppressions());
        List<String> bad = new ArrayList<>(s.badSuppressions());
        readSuppression(comment, suppressions, bad);
        return new ScriptStatement(s.index(), s.line(), s.column(), s.sql(), suppressions, bad);
    }

    private static void readSuppression(SqlToken comment, List<Suppression> into, List<String> bad) {
        String text = comment.text();
        text = text.startsWith("/*") ? text.substring(2, Math.max(2, text.length() - 2))
                : text.substring(text.startsWith("#") ? 1 : 2);
        Matcher m = IGNORE.matcher(text.strip());
        if (!m.lookingAt()) {
            return;
        }
        String rule = m.group(1).toLowerCase(Locale.ROOT);
        String reason = m.group(2).strip();
        if (rule.isEmpty()) {
            bad.add("'dbopt:ignore' on line " + comment.line() + " names no rule: write 'dbopt:ignore <rule> <reason>'");
            return;
        }
        String check = rule.startsWith("migration.") ? rule : "migration." + rule;
        if (reason.isEmpty()) {
            bad.add("'dbopt:ignore " + rule + "' on line " + comment.line()
                    + " has no reason: say why the rule does not apply here");
            return;
        }
        try {
            into.add(Suppression.of(check, "*", reason));
        } catch (IllegalArgumentException e) {
            bad.add("'dbopt:ignore " + rule + "' on line " + comment.line() + " is not a rule id: " + e.getMessage());
        }
    }

    /** The statement at a 1-based index. */
    public ScriptStatement statement(int index) {
        return statements.get(index - 1);
    }

    /** The location string of a statement, {@code name:line:column}, as findings carry it. */
    public String location(ScriptStatement statement) {
        return name + ":" + statement.line() + ":" + statement.column();
    }

    /** The location of an offset into a statement's text, {@code name:line:column}. */
    public String location(ScriptStatement statement, int offset) {
        int[] at = statement.position(offset);
        return name + ":" + at[0] + ":" + at[1];
    }
}
