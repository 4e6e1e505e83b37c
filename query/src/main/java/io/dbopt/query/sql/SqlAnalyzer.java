package io.dbopt.query.sql;

import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlSyntax;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Reads SQL text with JSqlParser, falling back to a tokenizer for what JSqlParser cannot parse: fingerprints,
 * statement kinds and the tables a statement reads and writes. The analysis the profiler, the cache, the rewriter
 * and other modules share.
 *
 * <p>Parsing runs on the calling thread (JSqlParser's own entry point starts a thread per call). Analysing a
 * statement costs tens of microseconds; callers on hot paths cache {@link SqlFacts} per text, as the profiler does.
 * Immutable and thread-safe.
 */
public final class SqlAnalyzer {

    private static final SqlAnalyzer POSTGRES = new SqlAnalyzer(false);
    private static final SqlAnalyzer MARIADB = new SqlAnalyzer(true);
    private static final int MAX_PARSED_LENGTH = 100_000;

    private final boolean mariaDb;
    private final SqlSyntax syntax;

    private SqlAnalyzer(boolean mariaDb) {
        this.mariaDb = mariaDb;
        this.syntax = mariaDb ? SqlSyntax.mariaDb() : SqlSyntax.postgres();
    }

    /** The analyzer for PostgreSQL's lexical rules (standard strings, {@code "identifiers"}). */
    public static SqlAnalyzer postgres() {
        return POSTGRES;
    }

    /** The analyzer for MariaDB's lexical rules (backslash escapes, {@code "strings"}, {@code #} comments). */
    public static SqlAnalyzer mariaDb() {
        return MARIADB;
    }

    /** The analyzer for a dialect. */
    public static SqlAnalyzer forDialect(Dialect dialect) {
        return Objects.requireNonNull(dialect, "dialect") instanceof MariaDbDialect ? MARIADB : POSTGRES;
    }

    /** Whether this analyzer follows MariaDB's lexical rules. */
    public boolean isMariaDb() {
        return mariaDb;
    }

    /**
     * The fingerprint of a statement from tokens alone: literals and parameters as {@code ?}, IN lists collapsed,
     * comments and white space normalised, words lower-cased. Cheap (no parser); the same text as
     * {@link SqlFacts#fingerprint()} for statements JSqlParser cannot parse.
     */
    public String fingerprint(String sql) {
        return SqlNormalizer.fingerprint(Objects.requireNonNull(sql, "sql"), syntax);
    }

    /**
     * The kind of a statement from tokens alone: the same as {@code analyze(sql).kind()} (the kind never comes from
     * the parser), without parsing it. Cheap; use it when the kind is all a caller needs.
     */
    public StatementKind kind(String sql) {
        return SqlNormalizer.kind(Objects.requireNonNull(sql, "sql"), syntax);
    }

    /**
     * Parses a statement with JSqlParser; empty when it cannot (unsupported syntax, several statements, nesting
     * too deep). Never throws for bad SQL.
     */
    public Optional<Statement> parse(String sql) {
        Objects.requireNonNull(sql, "sql");
        if (sql.length() > MAX_PARSED_LENGTH || sql.isBlank()
                || CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
            return Optional.empty();
        }
        Statement simple = tryParse(sql, false);
        return Optional.ofNullable(simple != null ? simple : tryParse(sql, true));
    }

    private Statement tryParse(String sql, boolean complex) {
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex)
                    .withBackslashEscapeCharacter(mariaDb);
            Statement statement = parser.Statement();
            return parser.getParseErrors().isEmpty() ? statement : null;
        } catch (Exception e) {
            return null; // not understood: the tokenizer takes over
        }
    }

    /**
     * Rewrites JDBC {@code ?} placeholders as PostgreSQL's {@code $1, $2, ...} (quotes, comments and the {@code ??}
     * operator escape respected), for statements sent without binding, such as a generic-plan EXPLAIN.
     *
     * @return the text and the number of parameters (the highest {@code $n} when the text already used them)
     */
    public NumberedParameters numberParameters(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int last = 0;
        int count = 0;
        for (SqlToken t : SqlLexer.tokenizeWithoutComments(sql, syntax)) {
            if (t.kind() == SqlTokenKind.PARAMETER) {
                if (t.text().equals("?")) {
                    out.append(sql, last, t.start()).append('$').append(++count);
                    last = t.start() + 1;
                } else {
                    count = Math.max(count, Integer.parseInt(t.text().substring(1)));
                }
            }
        }
        out.append(sql, last, sql.length());
        return new NumberedParameters(out.toString(), count);
    }

    /**
     * The text with numbered parameters and their count.
     *
     * @param sql the statement with {@code $n} placeholders
     * @param parameters how many parameters it takes
     */
    public record NumberedParameters(String sql, int parameters) {
    }

    /**
     * The columns a condition compares with a value or parameter ({@code a = ?}, {@code (b)::text > ?},
     * {@code c LIKE ?}), equality comparisons first, then ranges and patterns, without qualifiers, each once. Used
     * to propose an index from a plan's filter. Never throws; empty when nothing is recognised.
     */
    public List<String> comparedColumns(String condition) {
        List<SqlToken> tokens = withoutCasts(SqlLexer.tokenizeWithoutComments(
                Objects.requireNonNull(condition, "condition"), syntax));
        Set<String> equality = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String op = SqlNormalizer.text(tokens.get(i));
            boolean eq = op.equals("=");
            boolean range = op.equals("<") || op.equals(">") || op.equals("<=") || op.equals(">=")
                    || op.equals("~~") || op.equals("~~*") || op.equals("like") || op.equals("between");
            if (!eq && !range) {
                continue;
            }
            String left = columnAt(tokens, skip(tokens, i - 1, -1), -1);
            String right = columnAt(tokens, skip(tokens, i + 1, 1), 1);
            boolean leftValue = isValue(tokens, skip(tokens, i - 1, -1));
            boolean rightValue = isValue(tokens, skip(tokens, i + 1, 1));
            String column = left != null && rightValue ? left : right != null && leftValue ? right : null;
            if (column != null) {
                (eq ? equality : other).add(column);
            }
        }
        other.removeAll(equality);
        List<String> columns = new java.util.ArrayList<>(equality);
        columns.addAll(other);
        return columns;
    }

    /** Drops {@code ::type} casts, type names of several words and {@code (n)} / {@code []} included. */
    private static List<SqlToken> withoutCasts(List<SqlToken> tokens) {
        List<SqlToken> kept = new java.util.ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).text().equals("::")) {
                kept.add(tokens.get(i));
                continue;
            }
            i++;
            while (i < tokens.size() && tokens.get(i).kind() == SqlTokenKind.WORD) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).text().equals("(")) {
                while (i < tokens.size() && !tokens.get(i).text().equals(")")) {
                    i++;
                }
                i++;
            }
            while (i + 1 < tokens.size() && tokens.get(i).text().equals("[") && tokens.get(i + 1).text().equals("]")) {
                i += 2;
            }
            i--;
        }
        return kept;
    }

    /** Moves from {@code at} in {@code direction} past parentheses. */
    private static int skip(List<SqlToken> tokens, int at, int direction) {
        int i = at;
        while (i >= 0 && i < tokens.size() && (tokens.get(i).text().equals("(") || tokens.get(i).text().equals(")"))) {
            i += direction;
        }
        return i;
    }

    /** The unqualified column at {@code i}, or null when it is not a plain column (a value, a function call). */
    private static String columnAt(List<SqlToken> tokens, int i, int direction) {
        if (i < 0 || i >= tokens.size()) {
            return null;
        }
        SqlToken t = tokens.get(i);
        if (t.kind() != SqlTokenKind.WORD && t.kind() != SqlTokenKind.QUOTED_IDENTIFIER
                || isKeyword(SqlNormalizer.text(t))) {
            return null;
        }
        if (direction > 0) {
            while (i + 2 < tokens.size() && tokens.get(i + 1).text().equals(".")) {
                i += 2;
                t = tokens.get(i);
            }
            if (i + 1 < tokens.size() && tokens.get(i + 1).text().equals("(")) {
                return null; // a function call
            }
        } else {
            int open = i - 1;
            while (open >= 0 && tokens.get(open).text().equals("(")) {
                open--;
            }
            if (open < i - 1 && open >= 0 && tokens.get(open).kind() == SqlTokenKind.WORD
                    && !isKeyword(SqlNormalizer.text(tokens.get(open)))) {
                return null; // an argument of a function: lower(name) = ? is not a plain column
            }
        }
        return SqlFacts.tableKey(t.text());
    }

    private static boolean isValue(List<SqlToken> tokens, int i) {
        if (i < 0 || i >= tokens.size()) {
            return false;
        }
        SqlTokenKind type = tokens.get(i).kind();
        return type == SqlTokenKind.PARAMETER || type == SqlTokenKind.NUMBER || type == SqlTokenKind.STRING;
    }

    private static boolean isKeyword(String word) {
        return switch (word) {
            case "and", "or", "not", "null", "true", "false", "any", "all", "some", "is", "in", "case", "when",
                 "then", "else", "end", "select", "where" -> true;
            default -> false;
        };
    }

    /**
     * The row count skipped by the statement's {@code OFFSET n} (or MariaDB's {@code LIMIT n, m}), read from a
     * literal or from the bound parameter at that position; empty when there is none or it is not a number.
     *
     * @param params the bound values in order, or an empty list
     */
    public java.util.OptionalLong offset(String sql, List<?> params) {
        List<SqlToken> tokens = SqlLexer.tokenizeWithoutComments(Objects.requireNonNull(sql, "sql"), syntax);
        int parameters = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.kind() == SqlTokenKind.PARAMETER) {
                parameters++;
                continue;
            }
            boolean offsetWord = t.is("offset") && i + 1 < tokens.size();
            boolean limitPair = t.is("limit") && i + 3 < tokens.size() && tokens.get(i + 2).is(",");
            if (!offsetWord && !limitPair) {
                continue;
            }
            SqlToken value = tokens.get(i + 1);
            if (value.kind() == SqlTokenKind.NUMBER) {
                try {
                    return java.util.OptionalLong.of(Long.parseLong(value.text()));
                } catch (NumberFormatException e) {
                    return java.util.OptionalLong.empty();
                }
            }
            if (value.kind() == SqlTokenKind.PARAMETER && params != null && parameters < params.size()
                    && params.get(parameters) instanceof Number n) {
                return java.util.OptionalLong.of(n.longValue());
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** Analyses a statement: JSqlParser when it understands it, the tokenizer otherwise. Never throws for bad SQL. */
    public SqlFacts analyze(String sql) {
        SqlNormalizer.Lexical lexical = SqlNormalizer.analyse(Objects.requireNonNull(sql, "sql"), syntax);
        Optional<Statement> parsed = lexical.multiStatement() ? Optional.empty() : parse(sql);
        if (parsed.isEmpty()) {
            return fromTokens(lexical);
        }
        Statement statement = parsed.get();
        Set<String> tables;
        try {
            tables = keys(new TablesNamesFinder<Void>().getTables(statement));
        } catch (RuntimeException unsupported) {
            // TablesNamesFinder refuses some statements (SET, SHOW ...); the tokens still give a guess
            tables = lexical.tables();
        }
        Set<String> written = written(statement);
        boolean nestedWrite = lexical.nestedWrite();
        String fingerprint = SqlNormalizer.fingerprint(statement.toString(), syntax);
        return new SqlFacts(fingerprint, lexical.kind(), tables, nestedWrite ? tables : written,
                nestedWrite && tables.isEmpty(), true, lexical.bound(), lexical.leadingWildcardLike());
    }

    private static SqlFacts fromTokens(SqlNormalizer.Lexical lexical) {
        boolean writes = lexical.kind().isDataChange() || lexical.kind() == StatementKind.DDL
                || lexical.kind() == StatementKind.CALL || lexical.nestedWrite();
        Set<String> written = writes ? lexical.tables() : Set.of();
        return new SqlFacts(lexical.fingerprint(), lexical.kind(), lexical.tables(), written,
                writes && written.isEmpty(), false, lexical.bound(), lexical.leadingWildcardLike());
    }

    private static Set<String> written(Statement statement) {
        Set<String> names = new LinkedHashSet<>();
        if (statement instanceof Insert insert) {
            add(names, insert.getTable());
        } else if (statement instanceof Update update) {
            add(names, update.getTable());
            addJoins(names, update.getStartJoins());
            addJoins(names, update.getJoins());
        } else if (statement instanceof Delete delete) {
            add(names, delete.getTable());
            if (delete.getTables() != null) {
                delete.getTables().forEach(t -> add(names, t));
            }
        } else if (statement instanceof Merge merge) {
            add(names, merge.getTable());
        } else if (statement instanceof Upsert upsert) {
            add(names, upsert.getTable());
        } else if (statement instanceof Truncate truncate) {
            add(names, truncate.getTable());
        } else if (statement instanceof Drop drop && drop.getName() != null) {
            names.add(SqlFacts.tableKey(drop.getName().getFullyQualifiedName()));
        } else if (statement instanceof Alter alter) {
            add(names, alter.getTable());
        } else if (statement instanceof CreateTable create) {
            add(names, create.getTable());
        } else if (statement instanceof CreateIndex index) {
            add(names, index.getTable());
        } else if (statement instanceof Select) {
            return Set.of();
        }
        return names;
    }

    private static void addJoins(Set<String> names, List<Join> joins) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            if (join.getFromItem() instanceof Table table) {
                add(names, table);
            }
        }
    }

    private static void add(Set<String> names, Table table) {
        if (table != null && table.getName() != null) {
            names.add(SqlFacts.tableKey(table.getName()));
        }
    }

    private static Set<String> keys(Set<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        names.forEach(n -> keys.add(SqlFacts.tableKey(n)));
        return keys;
    }
}
