package io.dbopt.json.workload;

import io.dbopt.core.Dialect;
import io.dbopt.json.Comparison;
import io.dbopt.json.JsonPath;
import io.dbopt.json.JsonPredicate;
import io.dbopt.query.sql.SqlAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.Matches;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Finds the JSON predicates in a statement with JSqlParser: operators ({@code @>}, {@code ?}, {@code ?|},
 * {@code ?&}, {@code @?}, {@code @@}), their function forms ({@code jsonb_path_exists}, {@code jsonb_exists}), path
 * values compared with a value ({@code ->>}, {@code #>>}, {@code JSON_VALUE}, {@code JSON_EXTRACT}, MySQL's
 * {@code ->>}), with the cast and the constant compared with; in WHERE and JOIN conditions of SELECT (nested ones
 * included), UPDATE and DELETE. Columns are placed on their table through aliases; an unqualified column of a join
 * gets an empty table. Statements JSqlParser cannot read give nothing. Stateless and thread-safe.
 */
public final class JsonPredicates {

    private JsonPredicates() {
    }

    /**
     * What one reading of a statement gives: every table it names, by alias and by its own name (lower-case keys,
     * table names unquoted), and its JSON predicates; both empty when JSqlParser cannot read the statement.
     *
     * @param tables the tables by alias and name
     * @param predicates the JSON predicates
     */
    public record Reading(Map<String, String> tables, List<JsonPredicate> predicates) {
        /** Copies. */
        public Reading {
            tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
            predicates = List.copyOf(predicates);
        }
    }

    /**
     * Whether a statement's text can hold a JSON predicate at all, a test much cheaper than parsing: every predicate
     * this class finds needs a JSON operator ({@code ->}, {@code #>}, one with {@code @} or {@code ?}) or a function
     * whose name holds {@code json}. When false, {@link #read} finds no predicate.
     */
    public static boolean mayHold(String sql) {
        return sql.indexOf('@') >= 0 || sql.indexOf('?') >= 0 || sql.contains("->") || sql.contains("#>")
                || sql.toLowerCase(Locale.ROOT).contains("json");
    }

    /** Parses a statement once for both its tables and its JSON predicates. */
    public static Reading read(String sql, Dialect dialect) {
        Optional<Statement> parsed = SqlAnalyzer.forDialect(dialect).parse(ParseText.prepare(sql, dialect));
        if (parsed.isEmpty()) {
            return new Reading(Map.of(), List.of());
        }
        List<JsonPredicate> out = new ArrayList<>();
        Walker walker = new Walker(dialect, out);
        walker.statement(parsed.get());
        return new Reading(walker.all, out);
    }

    /** The JSON predicates of one statement. */
    public static List<JsonPredicate> extract(String sql, Dialect dialect) {
        return read(sql, dialect).predicates();
    }

    /**
     * Every table a statement names, by its alias and by its own name (lower-case keys, table names unquoted);
     * empty when JSqlParser cannot read the statement.
     */
    public static Map<String, String> tables(String sql, Dialect dialect) {
        return read(sql, dialect).tables();
    }

    /** Walks one statement; not thread-safe. */
    private static final class Walker {
        private final Dialect dialect;
        private final List<JsonPredicate> out;
        private final Map<String, String> all = new LinkedHashMap<>();

        Walker(Dialect dialect, List<JsonPredicate> out) {
            this.dialect = dialect;
            this.out = out;
        }

        void statement(Statement s) {
            if (s instanceof Select select) {
                select(select);
            } else if (s instanceof Update u) {
                Map<String, String> scope = new LinkedHashMap<>();
                table(u.getTable(), scope);
                if (u.getJoins() != null) {
                    u.getJoins().forEach(j -> fromItem(j.getFromItem(), scope));
                }
                condition(u.getWhere(), scope);
            } else if (s instanceof Delete d) {
                Map<String, String> scope = new LinkedHashMap<>();
                table(d.getTable(), scope);
                condition(d.getWhere(), scope);
            }
        }

        void select(Select select) {
            if (select instanceof PlainSelect p) {
                plain(p);
            } else if (select instanceof SetOperationList u) {
                u.getSelects().forEach(this::select);
            } else if (select instanceof ParenthesedSelect p && p.getSelect() != null) {
                select(p.getSelect());
            }
        }

        void plain(PlainSelect p) {
            Map<String, String> scope = new LinkedHashMap<>();
            fromItem(p.getFromItem(), scope);
            if (p.getJoins() != null) {
                for (Join j : p.getJoins()) {
                    fromItem(j.getFromItem(), scope);
                }
                for (Join j : p.getJoins()) {
                    if (j.getOnExpressions() != null) {
                        j.getOnExpressions().forEach(e -> condition(e, scope));
                    }
                }
            }
            condition(p.getWhere(), scope);
        }

        void fromItem(FromItem item, Map<String, String> scope) {
            if (item instanceof Table t) {
                table(t, scope);
            } else if (item instanceof ParenthesedSelect sub && sub.getSelect() != null) {
                select(sub.getSelect());
            }
        }

        void table(Table t, Map<String, String> scope) {
            if (t == null) {
                return;
            }
            String name = unquote(t.getName());
            scope.put(name.toLowerCase(Locale.ROOT), name);
            if (t.getAlias() != null && t.getAlias().getName() != null) {
                scope.put(unquote(t.getAlias().getName()).toLowerCase(Locale.ROOT), name);
            }
            all.putAll(scope);
        }

        void condition(Expression expression, Map<String, String> scope) {
            if (expression == null) {
                return;
            }
            Expression e = expression instanceof InExpression in ? reassociate(in) : expression;
            if (e instanceof AndExpression || e instanceof OrExpression) {
                BinaryExpression b = (BinaryExpression) e;
                condition(b.getLeftExpression(), scope);
                condition(b.getRightExpression(), scope);
            } else if (e instanceof NotExpression n) {
                condition(n.getExpression(), scope);
            } else if (e instanceof ParenthesedExpressionList<?> p) {
                p.forEach(x -> condition((Expression) x, scope));
            } else if (e instanceof ExistsExpression x && x.getRightExpression() instanceof Select s) {
                select(s);
            } else if (e instanceof net.sf.jsqlparser.expression.operators.relational.JsonOperator op) {
                operator(op.getStringExpression(), op.getLeftExpression(), op.getRightExpression(), scope);
            } else if (e instanceof Matches m) {
                operator("@@", m.getLeftExpression(), m.getRightExpression(), scope);
            } else if (e instanceof Function f) {
                function(f, scope);
            } else {
                comparison(e, scope);
            }
        }

        /**
         * JSqlParser 5.3 reads {@code a IN (x) AND b} as {@code a IN ((x) AND b)} (its issue 2244); this puts the IN
         * back on its list: {@code (a IN (x)) AND b}.
         */
        private static Expression reassociate(InExpression in) {
            Expression right = in.getRightExpression();
            if (!(right instanceof AndExpression || right instanceof OrExpression)) {
                return in;
            }
            BinaryExpression top = (BinaryExpression) in.getRightExpression();
            BinaryExpression parent = top;
            while (parent.getLeftExpression() instanceof AndExpression
                    || parent.getLeftExpression() instanceof OrExpression) {
                parent = (BinaryExpression) parent.getLeftExpression();
            }
            InExpression fixed = new InExpression(in.getLeftExpression(), parent.getLeftExpression());
            fixed.setNot(in.isNot());
            parent.setLeftExpression(fixed);
            return top;
        }

        private void operator(String op, Expression left, Expression right, Map<String, String> scope) {
            io.dbopt.json.JsonOperator kind = switch (op) {
                case "@>" -> io.dbopt.json.JsonOperator.CONTAINS;
                case "?" -> io.dbopt.json.JsonOperator.KEY_EXISTS;
                case "?|" -> io.dbopt.json.JsonOperator.ANY_KEY_EXISTS;
                case "?&" -> io.dbopt.json.JsonOperator.ALL_KEYS_EXIST;
                case "@@", "@?" -> io.dbopt.json.JsonOperator.JSONPATH;
                default -> null;
            };
            if (kind == null) {
                return;
            }
            if (left instanceof Column c) {
                add(c, kind, JsonPath.root(), Comparison.NONE, "", literal(right), scope);
            } else {
                JsonAccess.of(left).ifPresent(a -> add(a.column(), kind, a.path(), Comparison.NONE, "",
                        literal(right), scope));
            }
        }

        private void function(Function f, Map<String, String> scope) {
            String name = f.getName() == null ? "" : f.getName().toLowerCase(Locale.ROOT);
            List<Expression> args = JsonAccess.arguments(f);
            if (args.isEmpty() || !(args.get(0) instanceof Column c)) {
                return;
            }
            Optional<String> second = args.size() > 1 ? literal(args.get(1)) : Optional.empty();
            switch (name) {
                case "jsonb_path_exists", "jsonb_path_match", "jsonb_path_exists_tz", "jsonb_path_match_tz" ->
                        add(c, io.dbopt.json.JsonOperator.JSONPATH_FUNCTION, JsonPath.root(), Comparison.NONE, "",
                                second, scope);
                case "jsonb_exists", "jsonb_exists_any", "jsonb_exists_all" ->
                        add(c, io.dbopt.json.JsonOperator.EXISTS_FUNCTION, JsonPath.root(), Comparison.NONE, "",
                                second, scope);
                case "json_contains" -> {
                    JsonPath path = args.size() > 2 && args.get(2) instanceof StringValue s
                            ? SqlJsonPaths.parse(s.getValue()).orElse(JsonPath.unknown()) : JsonPath.root();
                    add(c, io.dbopt.json.JsonOperator.JSON_CONTAINS, path, Comparison.NONE, "", second, scope);
                }
                default -> {
                    // another function: not a JSON predicate of its own
                }
            }
        }

        private void comparison(Expression e, Map<String, String> scope) {
            if (e instanceof ComparisonOperator || e instanceof LikeExpression) {
                BinaryExpression b = (BinaryExpression) e;
                Comparison kind = e instanceof EqualsTo ? Comparison.EQUALITY
                        : e instanceof NotEqualsTo ? Comparison.OTHER
                        : e instanceof LikeExpression like ? likeKind(like)
                        : Comparison.RANGE;
                Optional<JsonAccess> left = JsonAccess.of(b.getLeftExpression());
                if (left.isPresent()) {
                    access(left.get(), kind, literal(b.getRightExpression()), scope);
                } else if (!(e instanceof LikeExpression)) {
                    JsonAccess.of(b.getRightExpression()).ifPresent(a -> access(a, kind,
                            literal(b.getLeftExpression()), scope));
                }
            } else if (e instanceof InExpression in) {
                JsonAccess.of(in.getLeftExpression()).ifPresent(a -> access(a, in.isNot() ? Comparison.OTHER
                        : Comparison.IN, Optional.empty(), scope));
                if (in.getRightExpression() instanceof Select s) {
                    select(s);
                }
            } else if (e instanceof Between between) {
                JsonAccess.of(between.getLeftExpression()).ifPresent(a -> access(a, between.isNot() ? Comparison.OTHER
                        : Comparison.RANGE, Optional.empty(), scope));
            } else if (e instanceof IsNullExpression isNull) {
                JsonAccess.of(isNull.getLeftExpression()).ifPresent(a -> access(a, Comparison.IS_NULL,
                        Optional.empty(), scope));
            }
        }

        private static Comparison likeKind(LikeExpression like) {
            Optional<String> pattern = literal(like.getRightExpression());
            boolean leadingWildcard = pattern.isPresent() && (pattern.get().startsWith("%")
                    || pattern.get().startsWith("_"));
            if (like.isNot() || leadingWildcard) {
                return Comparison.OTHER;
            }
            return Comparison.LIKE;
        }

        private void access(JsonAccess a, Comparison kind, Optional<String> literal, Map<String, String> scope) {
            add(a.column(), a.operator(), a.path(), kind, a.cast(), literal, scope);
        }

        private void add(Column c, io.dbopt.json.JsonOperator operator, JsonPath path, Comparison comparison,
                         String cast, Optional<String> literal, Map<String, String> scope) {
            String column = fold(c.getColumnName());
            String table;
            if (c.getTable() != null && c.getTable().getName() != null) {
                String qualifier = unquote(c.getTable().getName()).toLowerCase(Locale.ROOT);
                table = scope.getOrDefault(qualifier, unquote(c.getTable().getName()));
            } else {
                table = scope.values().stream().distinct().count() == 1 ? scope.values().iterator().next() : "";
            }
            out.add(new JsonPredicate(table, column, operator, path, comparison, cast, literal));
        }

        private String fold(String name) {
            String unquoted = unquote(name);
            return unquoted.equals(name) ? dialect.foldUnquoted(name) : unquoted;
        }
    }

    static Optional<String> literal(Expression e) {
        if (e instanceof StringValue s) {
            return Optional.of(JsonAccess.unescape(s.getValue()));
        }
        if (e instanceof LongValue l) {
            return Optional.of(l.getStringValue());
        }
        if (e instanceof DoubleValue d) {
            return Optional.of(String.valueOf(d.getValue()));
        }
        if (e instanceof CastExpression c) {
            return literal(c.getLeftExpression());
        }
        return Optional.empty();
    }

    static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"))) {
            String q = name.substring(0, 1);
            return name.substring(1, name.length() - 1).replace(q + q, q);
        }
        return name;
    }
}
