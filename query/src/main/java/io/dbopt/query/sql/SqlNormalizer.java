package io.dbopt.query.sql;

import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlSyntax;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Token-level normalisation over core's {@link SqlLexer} (comments dropped): literals and parameters become
 * {@code ?}, IN lists, ARRAY literals and repeated VALUES tuples collapse to one element, white space and comments
 * go, words are lower-cased; plus the facts that can be read from tokens alone (statement kind, whether values are
 * bound, a leading-wildcard LIKE, a guess at the tables). Used on its own for what JSqlParser cannot parse.
 * Thread-safe.
 */
final class SqlNormalizer {

    /** Words after which a parenthesis is not a function call, so a space is kept. */
    private static final Set<String> SPACED_KEYWORDS = Set.of("in", "values", "exists", "from", "join", "on", "as",
            "and", "or", "not", "where", "select", "any", "all", "some", "using", "into", "over", "filter", "with",
            "then", "else", "when", "case", "by", "lateral", "set", "returning", "having", "union", "intersect",
            "except", "table", "is", "between", "like", "ilike", "update", "conflict", "key", "do", "default");
    /** Words that end an expression operand; a following + or - is binary. */
    private static final Set<String> NON_OPERAND_KEYWORDS = Set.of("select", "where", "and", "or", "not", "then",
            "else", "when", "by", "values", "in", "return", "limit", "offset", "case", "between", "is", "set", "on",
            "having", "like", "ilike", "interval", "array", "distinct", "all", "any", "some", "exists");
    private static final Set<String> TABLE_KEYWORDS = Set.of("from", "join", "into", "update", "table");

    /**
     * What the tokens say about a statement.
     *
     * @param fingerprint the normalised text
     * @param kind what it does
     * @param nestedWrite whether a data-modifying statement sits inside it ({@code WITH d AS (DELETE ...)})
     * @param bound whether no value is written into the text (see {@link SqlFacts#bound()})
     * @param leadingWildcardLike whether a LIKE pattern starts with a wildcard
     * @param tables table names guessed from {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, lower-case
     * @param multiStatement whether several statements are separated by semicolons
     */
    record Lexical(String fingerprint, StatementKind kind, boolean nestedWrite, boolean bound,
                   boolean leadingWildcardLike, Set<String> tables, boolean multiStatement) {
    }

    private SqlNormalizer() {
    }

    static Lexical analyse(String sql, SqlSyntax syntax) {
        List<SqlToken> tokens = SqlLexer.tokenizeWithoutComments(sql, syntax);
        boolean multi = multiStatement(tokens);
        return new Lexical(fingerprint(tokens), kind(tokens), nestedWrite(tokens) || multi && laterWrite(tokens),
                bound(tokens), leadingWildcardLike(tokens), tables(tokens), multi);
    }

    static String fingerprint(String sql, SqlSyntax syntax) {
        return fingerprint(SqlLexer.tokenizeWithoutComments(sql, syntax));
    }

    static StatementKind kind(String sql, SqlSyntax syntax) {
        return kind(SqlLexer.tokenizeWithoutComments(sql, syntax));
    }

    /** A token's text for comparisons: words lower-cased, everything else as written. */
    static String text(SqlToken t) {
        return t.kind() == SqlTokenKind.WORD ? t.text().toLowerCase(Locale.ROOT) : t.text();
    }

    // ---- fingerprint ------------------------------------------------------------------------------------------

    static String fingerprint(List<SqlToken> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        List<SqlTokenKind> types = new ArrayList<>(tokens.size());
        for (SqlToken t : tokens) {
            switch (t.kind()) {
                case STRING, NUMBER, PARAMETER -> {
                    foldSign(out, types);
                    out.add("?");
                    types.add(SqlTokenKind.PARAMETER);
                }
                default -> {
                    out.add(text(t));
                    types.add(t.kind());
                }
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).equals(";")) {
            out.remove(out.size() - 1);
            types.remove(types.size() - 1);
        }
        collapseLists(out, types);
        collapseValues(out, types);
        return join(out, types);
    }

    /** Drops a unary sign before a literal: {@code = -1} and {@code = 1} share a fingerprint. */
    private static void foldSign(List<String> out, List<SqlTokenKind> types) {
        int n = out.size();
        if (n == 0 || !(out.get(n - 1).equals("-") || out.get(n - 1).equals("+"))) {
            return;
        }
        if (n == 1 || !endsOperand(out.get(n - 2), types.get(n - 2))) {
            out.remove(n - 1);
            types.remove(n - 1);
        }
    }

    private static boolean endsOperand(String text, SqlTokenKind type) {
        return switch (type) {
            case WORD -> !NON_OPERAND_KEYWORDS.contains(text);
            case QUOTED_IDENTIFIER, PARAMETER, STRING, NUMBER -> true;
            case OPERATOR, PUNCTUATION, COMMENT -> text.equals(")") || text.equals("]");
        };
    }

    /** {@code in (?, ?, ?)} and {@code array[?, ?]} become {@code in (?)} and {@code array[?]}. */
    private static void collapseLists(List<String> out, List<SqlTokenKind> types) {
        for (int i = 0; i + 2 < out.size(); i++) {
            String open = out.get(i + 1);
            boolean in = out.get(i).equals("in") && types.get(i) == SqlTokenKind.WORD && open.equals("(");
            boolean array = out.get(i).equals("array") && types.get(i) == SqlTokenKind.WORD && open.equals("[");
            if (!in && !array) {
                continue;
            }
            String close = in ? ")" : "]";
            int j = i + 2;
            int items = 0;
            boolean onlyValues = true;
            while (j < out.size() && !out.get(j).equals(close)) {
                if (items % 2 == 0 ? types.get(j) != SqlTokenKind.PARAMETER : !out.get(j).equals(",")) {
                    onlyValues = false;
                    break;
                }
                items++;
                j++;
            }
            if (onlyValues && j < out.size() && items > 1 && items % 2 == 1) {
                out.subList(i + 3, j).clear();
                types.subList(i + 3, j).clear();
            }
        }
    }

    /** {@code values (?, ?), (?, ?)} becomes {@code values (?, ?)}. */
    private static void collapseValues(List<String> out, List<SqlTokenKind> types) {
        for (int i = 0; i < out.size(); i++) {
            if (!(out.get(i).equals("values") && types.get(i) == SqlTokenKind.WORD) || i + 1 >= out.size()
                    || !out.get(i + 1).equals("(")) {
                continue;
            }
            int firstEnd = matching(out, i + 1);
            if (firstEnd < 0) {
                return;
            }
            List<String> first = new ArrayList<>(out.subList(i + 1, firstEnd + 1));
            int next = firstEnd + 1;
            while (next + 1 < out.size() && out.get(next).equals(",") && out.get(next + 1).equals("(")) {
                int end = matching(out, next + 1);
                if (end < 0 || !out.subList(next + 1, end + 1).equals(first)) {
                    break;
                }
                out.subList(next, end + 1).clear();
                types.subList(next, end + 1).clear();
            }
        }
    }

    private static int matching(List<String> out, int open) {
        int depth = 0;
        for (int k = open; k < out.size(); k++) {
            if (out.get(k).equals("(")) {
                depth++;
            } else if (out.get(k).equals(")") && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static String join(List<String> out, List<SqlTokenKind> types) {
        StringBuilder sb = new StringBuilder(out.size() * 6);
        for (int i = 0; i < out.size(); i++) {
            String t = out.get(i);
            boolean afterTableName = i > 1 && t.equals("(") && (out.get(i - 2).equals("into")
                    || out.get(i - 2).equals("table") || out.get(i - 2).equals("exists"));
            if (i > 0 && (afterTableName || needsSpace(out.get(i - 1), types.get(i - 1), t))) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.toString();
    }

    private static boolean needsSpace(String previous, SqlTokenKind previousType, String current) {
        if (current.equals(",") || current.equals(")") || current.equals("]") || current.equals(".")
                || current.equals("::") || current.equals(";")) {
            return false;
        }
        if (previous.equals("(") || previous.equals("[") || previous.equals(".") || previous.equals("::")) {
            return false;
        }
        if (current.equals("(")) {
            return !(previousType == SqlTokenKind.QUOTED_IDENTIFIER
                    || previousType == SqlTokenKind.WORD && !SPACED_KEYWORDS.contains(previous));
        }
        if (current.equals("[")) {
            return !(previousType == SqlTokenKind.WORD || previousType == SqlTokenKind.QUOTED_IDENTIFIER
                    || previous.equals("]"));
        }
        return true;
    }

    // ---- facts ------------------------------------------------------------------------------------------------

    static StatementKind kind(List<SqlToken> tokens) {
        int i = 0;
        while (i < tokens.size() && (tokens.get(i).is("(") || tokens.get(i).is("{"))) {
            i++;
        }
        if (i >= tokens.size() || tokens.get(i).kind() != SqlTokenKind.WORD) {
            return StatementKind.OTHER;
        }
        String first = text(tokens.get(i));
        if (first.equals("with")) {
            return mainKindAfterWith(tokens, i + 1);
        }
        return kindOf(first);
    }

    private static StatementKind kindOf(String word) {
        return switch (word) {
            case "select", "values", "table", "show" -> StatementKind.SELECT;
            case "insert", "replace", "upsert" -> StatementKind.INSERT;
            case "update" -> StatementKind.UPDATE;
            case "delete" -> StatementKind.DELETE;
            case "merge" -> StatementKind.MERGE;
            case "call", "exec", "execute" -> StatementKind.CALL;
            case "create", "alter", "drop", "truncate", "rename", "comment" -> StatementKind.DDL;
            default -> StatementKind.OTHER;
        };
    }

    private static StatementKind mainKindAfterWith(List<SqlToken> tokens, int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.kind() == SqlTokenKind.WORD) {
                StatementKind k = kindOf(text(t));
                if (k != StatementKind.OTHER && k != StatementKind.DDL) {
                    return k;
                }
            }
        }
        return StatementKind.SELECT;
    }

    private static boolean multiStatement(List<SqlToken> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is(";")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a statement after the first one changes data or schema. */
    private static boolean laterWrite(List<SqlToken> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is(";")) {
                StatementKind k = kind(tokens.subList(i + 1, tokens.size()));
                if (k.isDataChange() || k == StatementKind.DDL || k == StatementKind.CALL) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean nestedWrite(List<SqlToken> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("(") && tokens.get(i + 1).kind() == SqlTokenKind.WORD
                    && kindOf(text(tokens.get(i + 1))).isDataChange()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Unbound when a string literal appears (other than after {@code interval}), or a number is compared with
     * {@code =}, {@code <>}, {@code !=}, listed in {@code IN (...)} or written in {@code VALUES (...)}.
     */
    static boolean bound(List<SqlToken> tokens) {
        Deque<Boolean> lists = new ArrayDeque<>();
        boolean lastClosedWasList = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            SqlToken previous = i > 0 ? tokens.get(i - 1) : null;
            if (t.is("(")) {
                boolean list = previous != null && (previous.is("values") || previous.is("in")
                        || previous.is(",") && tokens.get(i - 2).is(")") && lastClosedWasList);
                lists.push(list);
            } else if (t.is(")")) {
                lastClosedWasList = !lists.isEmpty() && lists.pop();
            } else if (t.kind() == SqlTokenKind.STRING) {
                if (previous == null || !previous.is("interval")) {
                    return false;
                }
            } else if (t.kind() == SqlTokenKind.NUMBER) {
                SqlToken op = previous != null && (previous.is("-") || previous.is("+")) && i > 1
                        ? tokens.get(i - 2) : previous;
                boolean compared = op != null && (op.is("=") || op.is("<>") || op.is("!="));
                boolean listed = !lists.isEmpty() && lists.peek();
                if (compared || listed) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean leadingWildcardLike(List<SqlToken> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!(tokens.get(i).is("like") || tokens.get(i).is("ilike"))) {
                continue;
            }
            SqlToken next = tokens.get(i + 1);
            if (next.kind() == SqlTokenKind.STRING && startsWithWildcard(next.text())) {
                return true;
            }
            if (next.is("concat") && i + 3 < tokens.size() && tokens.get(i + 2).is("(")
                    && tokens.get(i + 3).kind() == SqlTokenKind.STRING
                    && startsWithWildcard(tokens.get(i + 3).text())) {
                return true;
            }
            if (next.is("(") && i + 2 < tokens.size() && tokens.get(i + 2).kind() == SqlTokenKind.STRING
                    && startsWithWildcard(tokens.get(i + 2).text())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithWildcard(String literal) {
        int quote = literal.indexOf('\'');
        if (quote < 0) {
            quote = literal.indexOf('"');
        }
        return quote >= 0 && quote + 1 < literal.length()
                && (literal.charAt(quote + 1) == '%' || literal.charAt(quote + 1) == '_');
    }

    static Set<String> tables(List<SqlToken> tokens) {
        Set<String> tables = new LinkedHashSet<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.kind() != SqlTokenKind.WORD || !TABLE_KEYWORDS.contains(text(t))) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && tokens.get(j).kind() == SqlTokenKind.WORD
                    && (tokens.get(j).is("only") || tokens.get(j).is("if") || tokens.get(j).is("not")
                    || tokens.get(j).is("exists") || tokens.get(j).is("ignore") || tokens.get(j).is("low_priority"))) {
                j++;
            }
            String name = null;
            while (j < tokens.size() && (tokens.get(j).kind() == SqlTokenKind.WORD
                    || tokens.get(j).kind() == SqlTokenKind.QUOTED_IDENTIFIER)) {
                name = tokens.get(j).text();
                if (j + 2 < tokens.size() && tokens.get(j + 1).is(".")) {
                    j += 2;
                } else {
                    break;
                }
            }
            if (name != null && !(tokens.get(i).is("update") && i > 0 && (tokens.get(i - 1).is("for")
                    || tokens.get(i - 1).is("key") || tokens.get(i - 1).is("on")))) {
                tables.add(SqlFacts.tableKey(name));
            }
        }
        return tables;
    }
}
