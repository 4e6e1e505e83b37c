package io.dbopt.json.rewrite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlSyntax;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import io.dbopt.json.JsonRewriteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Finds the places in a statement's text where a {@link JsonRewriteRule} applies, by matching token patterns over
 * core's SQL lexer, so that a rewrite replaces exactly the predicate it is about and leaves the rest of the text (and
 * its parameters) as written. PostgreSQL's {@code ?}-operators are written {@code ??} in JDBC text (placeholders
 * {@code ?}) and {@code ?} in text with {@code $n} placeholders. Stateless and thread-safe.
 */
public final class PathRewriter {

    /**
     * A rewrite at a place in the text.
     *
     * @param start first character replaced
     * @param end after the last character replaced
     * @param replacement the new text
     * @param rule the rule
     * @param proven whether results stay identical whatever the data
     * @param reason why, and what could differ
     */
    public record Edit(int start, int end, String replacement, JsonRewriteRule rule, boolean proven, String reason) {
    }

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dialect dialect;
    private final BiFunction<String, String, Optional<GeneratedColumn>> generated;

    /**
     * A rewriter.
     *
     * @param generated finds the generated column of a table holding a normalised expression (MariaDB); may find none
     */
    public PathRewriter(Dialect dialect, BiFunction<String, String, Optional<GeneratedColumn>> generated) {
        this.dialect = dialect;
        this.generated = generated;
    }

    /**
     * The edits for a statement, in text order, non-overlapping except that an advice edit may cover the same text
     * as a proven one (two ways to rewrite one predicate).
     *
     * @param aliases table of each alias or table name used in the statement (lower case keys)
     */
    public List<Edit> find(String sql, Map<String, String> aliases) {
        boolean mariaDb = dialect instanceof MariaDbDialect;
        List<SqlToken> t = SqlLexer.tokenizeWithoutComments(sql, mariaDb ? SqlSyntax.mariaDb() : SqlSyntax.postgres());
        boolean jdbc = t.stream().noneMatch(x -> x.kind() == SqlTokenKind.PARAMETER && x.text().startsWith("$"));
        List<Edit> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            int before = out.size();
            if (mariaDb) {
                generatedColumn(sql, t, i, aliases, out);
            } else {
                containment(sql, t, i, out);
                if (out.size() == before) {
                    functionForm(sql, t, i, jdbc, out);
                }
            }
            if (out.size() > before) {
                int end = out.get(out.size() - 1).end();
                while (i + 1 < t.size() && t.get(i + 1).start() < end) {
                    i++;
                }
            }
        }
        return out;
    }

    /** {@code col [-> 'a']* ->> 'k' = 'v'} or {@code col #>> '{a,k}' = 'v'}. */
    private void containment(String sql, List<SqlToken> t, int i, List<Edit> out) {
        int[] ref = columnRef(t, i);
        if (ref.length == 0) {
            return;
        }
        int k = ref[1];
        List<String> keys = new ArrayList<>();
        while (k + 1 < t.size() && t.get(k).is("->") && isPlainString(t.get(k + 1))) {
            keys.add(string(t.get(k + 1)));
            k += 2;
        }
        if (k + 1 < t.size() && t.get(k).is("->>") && isPlainString(t.get(k + 1))) {
            keys.add(string(t.get(k + 1)));
            k += 2;
        } else if (keys.isEmpty() && k + 1 < t.size() && t.get(k).is("#>>") && isPlainString(t.get(k + 1))) {
            Optional<List<String>> path = textArray(string(t.get(k + 1)));
            if (path.isEmpty()) {
                return;
            }
            keys.addAll(path.get());
            k += 2;
        } else {
            return;
        }
        if (k + 1 >= t.size() || !t.get(k).is("=") || !isPlainString(t.get(k + 1)) || followedByOperator(t, k + 2)) {
            return;
        }
        String value = string(t.get(k + 1));
        if (!isStringOnly(value)) {
            return;
        }
        int start = t.get(i).start();
        int end = t.get(k + 1).end();
        String column = sql.substring(t.get(i).start(), t.get(ref[1] - 1).end());
        String literal = "'" + containmentJson(keys, value).replace("'", "''") + "'";
        out.add(new Edit(start, end, column + " @> " + literal, JsonRewriteRule.CONTAINMENT, true, "A GIN index "
                + "serves @> but not ->>; for a value that cannot be the text of a number, boolean, object or array "
                + "the two are true for the same rows (below the top level, jsonb containment matches a string only "
                + "by an equal string)"));
    }

    /** {@code jsonb_path_exists(col, 'path')}, {@code jsonb_path_match(...)}, {@code jsonb_exists(col, k)}. */
    private void functionForm(String sql, List<SqlToken> t, int i, boolean jdbc, List<Edit> out) {
        SqlToken name = t.get(i);
        if (name.kind() != SqlTokenKind.WORD || i + 1 >= t.size() || !t.get(i + 1).is("(")) {
            return;
        }
        String fn = name.text().toLowerCase(Locale.ROOT);
        String op = switch (fn) {
            case "jsonb_path_exists" -> "@?";
            case "jsonb_path_match" -> "@@";
            case "jsonb_exists" -> "?";
            case "jsonb_exists_any" -> "?|";
            case "jsonb_exists_all" -> "?&";
            default -> null;
        };
        if (op == null || i > 0 && t.get(i - 1).is(".")) {
            return;
        }
        int[] ref = columnRef(t, i + 2);
        if (ref.length == 0 || ref[1] >= t.size() || !t.get(ref[1]).is(",")) {
            return;
        }
        int argStart = ref[1] + 1;
        int close = closing(t, i + 1);
        if (close < 0 || close <= argStart || topLevelComma(t, argStart, close)) {
            return;
        }
        String column = sql.substring(t.get(i + 2).start(), t.get(ref[1] - 1).end());
        String argument = sql.substring(t.get(argStart).start(), t.get(close - 1).end());
        boolean path = op.startsWith("@");
        if (path && !(close == argStart + 1 && isPlainString(t.get(argStart))
                && !string(t.get(argStart)).strip().toLowerCase(Locale.ROOT).startsWith("strict"))) {
            return; // a strict path or a path from a parameter may raise errors the operator swallows
        }
        String written = jdbc && op.contains("?") ? op.replace("?", "??") : op;
        out.add(new Edit(name.start(), t.get(close).end(), "(" + column + " " + written + " " + argument + ")",
                path ? JsonRewriteRule.JSONPATH_OPERATOR : JsonRewriteRule.EXISTS_OPERATOR, true,
                path ? "GIN serves the operator, not the function; for a lax path the result is the same whenever "
                        + "the function raises no error" : "The operator is this function; GIN serves the operator"));
    }

    /** MariaDB: {@code JSON_VALUE(col, '$.k')} or {@code JSON_UNQUOTE(JSON_EXTRACT(col, '$.k'))}. */
    private void generatedColumn(String sql, List<SqlToken> t, int i, Map<String, String> aliases, List<Edit> out) {
        SqlToken name = t.get(i);
        if (name.kind() != SqlTokenKind.WORD || i + 1 >= t.size() || !t.get(i + 1).is("(")) {
            return;
        }
        String fn = name.text().toLowerCase(Locale.ROOT);
        int inner = i;
        if (fn.equals("json_unquote") && i + 3 < t.size() && t.get(i + 2).isWord("json_extract")
                && t.get(i + 3).is("(")) {
            inner = i + 2;
        } else if (!fn.equals("json_value") && !fn.equals("json_extract")) {
            return;
        }
        int[] ref = columnRef(t, inner + 2);
        if (ref.length == 0 || ref[1] + 2 >= t.size() || !t.get(ref[1]).is(",") || !isPlainString(t.get(ref[1] + 1))
                || !t.get(ref[1] + 2).is(")")) {
            return;
        }
        int end = ref[1] + 2;
        if (inner != i) {
            if (end + 1 >= t.size() || !t.get(end + 1).is(")")) {
                return;
            }
            end++;
        }
        String qualifier = ref[2] > 0 ? sql.substring(t.get(inner + 2).start(), t.get(ref[2]).end()) : "";
        String table = qualifier.isEmpty() ? (aliases.values().stream().distinct().count() == 1
                ? aliases.values().iterator().next() : null)
                : aliases.get(unquote(qualifier.substring(0, qualifier.length() - 1)).toLowerCase(Locale.ROOT));
        if (table == null) {
            return;
        }
        String column = unquote(t.get(ref[1] - 1).text());
        String path = t.get(ref[1] + 1).text();
        String expression = (inner != i ? "json_unquote(json_extract(" : fn + "(") + column + "," + path + ")"
                + (inner != i ? ")" : "");
        Optional<GeneratedColumn> g = generated.apply(table, GeneratedColumn.normalise(expression));
        if (g.isEmpty() || !g.get().indexed()) {
            return;
        }
        out.add(new Edit(name.start(), t.get(end).end(), qualifier + dialect.quote(g.get().column()),
                JsonRewriteRule.GENERATED_COLUMN, g.get().exact(), g.get().exact()
                ? "MariaDB reads the indexed generated column " + g.get().column() + " only when the statement names "
                + "it; it holds exactly this expression" : "MariaDB reads the indexed generated column "
                + g.get().column() + " only when the statement names it; its type or collation differs from the "
                + "expression's, so values may compare differently: verify on your data"));
    }

    /**
     * A column reference at {@code i}: {@code [schema.][table.]column}; returns {start, end (exclusive), index of the
     * last qualifier's dot or 0}, or an empty array.
     */
    private static int[] columnRef(List<SqlToken> t, int i) {
        if (i >= t.size() || !isIdentifier(t.get(i)) || i > 0 && t.get(i - 1).is(".")) {
            return new int[0];
        }
        int k = i + 1;
        int lastDot = 0;
        while (k + 1 < t.size() && t.get(k).is(".") && isIdentifier(t.get(k + 1)) && k - i < 5) {
            lastDot = k;
            k += 2;
        }
        return new int[] {i, k, lastDot};
    }

    private static boolean isIdentifier(SqlToken t) {
        return t.kind() == SqlTokenKind.QUOTED_IDENTIFIER || t.kind() == SqlTokenKind.WORD;
    }

    private static boolean isPlainString(SqlToken t) {
        return t.kind() == SqlTokenKind.STRING && t.text().startsWith("'");
    }

    private static String string(SqlToken t) {
        String s = t.text();
        return s.substring(1, s.length() - 1).replace("''", "'");
    }

    /** Whether a comparison continues into arithmetic or concatenation ({@code = 'a' || x}). */
    private static boolean followedByOperator(List<SqlToken> t, int k) {
        if (k >= t.size()) {
            return false;
        }
        SqlToken next = t.get(k);
        return next.kind() == SqlTokenKind.OPERATOR && !next.is("=") || next.is("::") || next.is("[");
    }

    /** Whether a string can only equal the {@code ->>} text of a JSON string (never of another JSON value). */
    static boolean isStringOnly(String value) {
        return !JSON_NUMBER.matcher(value).matches() && !value.equals("true") && !value.equals("false")
                && !value.startsWith("{") && !value.startsWith("[") && value.indexOf('\\') < 0;
    }

    private static String containmentJson(List<String> keys, String value) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode at = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            at = at.putObject(keys.get(i));
        }
        at.put(keys.get(keys.size() - 1), value);
        return root.toString();
    }

    private static Optional<List<String>> textArray(String literal) {
        String body = literal.strip();
        if (!body.startsWith("{") || !body.endsWith("}") || body.contains("\"")) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        for (String part : body.substring(1, body.length() - 1).split(",", -1)) {
            if (part.isBlank()) {
                return Optional.empty();
            }
            keys.add(part.strip());
        }
        return Optional.of(keys);
    }

    private static int closing(List<SqlToken> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            if (t.get(k).is("(")) {
                depth++;
            } else if (t.get(k).is(")") && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static boolean topLevelComma(List<SqlToken> t, int from, int to) {
        int depth = 0;
        for (int k = from; k < to; k++) {
            if (t.get(k).is("(") || t.get(k).is("[")) {
                depth++;
            } else if (t.get(k).is(")") || t.get(k).is("]")) {
                depth--;
            } else if (depth == 0 && t.get(k).is(",")) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"))) {
            String q = name.substring(0, 1);
            return name.substring(1, name.length() - 1).replace(q + q, q);
        }
        return name;
    }
}
