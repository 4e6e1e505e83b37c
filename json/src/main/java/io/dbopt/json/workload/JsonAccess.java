package io.dbopt.json.workload;

import io.dbopt.json.JsonOperator;
import io.dbopt.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * An expression that reads a value out of a JSON column: {@code col ->> 'k'}, {@code (col -> 'a' ->> 'b')::numeric},
 * {@code col #>> '{a,b}'}, {@code JSON_VALUE(col, '$.k')}, {@code JSON_UNQUOTE(JSON_EXTRACT(col, '$.k'))}, MySQL's
 * {@code col ->> '$.k'}.
 *
 * @param column the JSON column
 * @param operator {@link JsonOperator#EXTRACT_TEXT}, {@link JsonOperator#EXTRACT}, {@link JsonOperator#JSON_VALUE}
 *     or {@link JsonOperator#JSON_EXTRACT}
 * @param path the path read
 * @param cast the type the value is cast to, lower case, or empty
 */
record JsonAccess(Column column, JsonOperator operator, JsonPath path, String cast) {

    /** The access an expression is, if it is one. */
    static Optional<JsonAccess> of(Expression e) {
        if (e instanceof CastExpression c) {
            String type = c.getColDataType() == null ? "" : c.getColDataType().toString().toLowerCase(Locale.ROOT)
                    .replace(" (", "(");
            return of(c.getLeftExpression()).map(a -> new JsonAccess(a.column, a.operator, a.path, type));
        }
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return of((Expression) p.get(0));
        }
        if (e instanceof JsonExpression j && j.getExpression() instanceof Column column) {
            return pgOperators(column, j);
        }
        if (e instanceof Function f) {
            return function(f);
        }
        return Optional.empty();
    }

    private static Optional<JsonAccess> pgOperators(Column column, JsonExpression j) {
        List<String> ops = new ArrayList<>();
        List<Expression> idents = new ArrayList<>();
        flatten(j, ops, idents);
        List<JsonPath.Step> steps = new ArrayList<>();
        boolean known = true;
        for (int i = 0; i < idents.size(); i++) {
            Expression ident = idents.get(i);
            String op = ops.get(i);
            if (ident instanceof StringValue s && s.getValue().startsWith("$")) {
                // MySQL: col -> '$.a' / col ->> '$.a'
                Optional<JsonPath> p = SqlJsonPaths.parse(s.getValue());
                return Optional.of(new JsonAccess(column, op.equals("->>") ? JsonOperator.JSON_VALUE
                        : JsonOperator.JSON_EXTRACT, p.orElse(JsonPath.unknown()), ""));
            }
            if (ident instanceof StringValue s && op.startsWith("#")) {
                steps.addAll(arrayPath(unescape(s.getValue())));
            } else if (ident instanceof StringValue s) {
                steps.add(new JsonPath.Step(unescape(s.getValue()), false));
            } else if (ident instanceof LongValue l) {
                steps.add(new JsonPath.Step(l.getStringValue(), true));
            } else if (ident instanceof JdbcParameter || ident instanceof JdbcNamedParameter) {
                known = false;
            } else {
                return Optional.empty();
            }
        }
        boolean text = ops.get(ops.size() - 1).endsWith(">>");
        return Optional.of(new JsonAccess(column, text ? JsonOperator.EXTRACT_TEXT : JsonOperator.EXTRACT,
                known ? new JsonPath(steps, true) : JsonPath.unknown(), ""));
    }

    /** JSqlParser nests {@code a -> 'x' ->> 'y'} as {@code a -> ('x' ->> 'y')}; this lists the steps in order. */
    private static void flatten(JsonExpression j, List<String> ops, List<Expression> idents) {
        for (var entry : j.getIdentList()) {
            if (entry.getKey() instanceof JsonExpression inner) {
                ops.add(entry.getValue());
                idents.add(inner.getExpression());
                flatten(inner, ops, idents);
            } else {
                ops.add(entry.getValue());
                idents.add(entry.getKey());
            }
        }
    }

    private static Optional<JsonAccess> function(Function f) {
        String name = f.getName() == null ? "" : f.getName().toLowerCase(Locale.ROOT);
        List<Expression> args = arguments(f);
        if (name.equals("json_unquote") && args.size() == 1 && args.get(0) instanceof Function inner
                && "json_extract".equalsIgnoreCase(inner.getName())) {
            return sqlJson(arguments(inner), JsonOperator.JSON_VALUE);
        }
        if (name.equals("json_value")) {
            return sqlJson(args, JsonOperator.JSON_VALUE);
        }
        if (name.equals("json_extract")) {
            return sqlJson(args, JsonOperator.JSON_EXTRACT);
        }
        return Optional.empty();
    }

    private static Optional<JsonAccess> sqlJson(List<Expression> args, JsonOperator operator) {
        if (args.size() != 2 || !(args.get(0) instanceof Column column)) {
            return Optional.empty();
        }
        JsonPath path = args.get(1) instanceof StringValue s ? SqlJsonPaths.parse(s.getValue())
                .orElse(JsonPath.unknown()) : JsonPath.unknown();
        return Optional.of(new JsonAccess(column, operator, path, ""));
    }

    static List<Expression> arguments(Function f) {
        if (f.getParameters() == null) {
            return List.of();
        }
        List<Expression> out = new ArrayList<>();
        for (Object o : f.getParameters()) {
            out.add((Expression) o);
        }
        return out;
    }

    /** PostgreSQL's text-array path {@code '{a,b,0}'}: keys (numbers may be array positions; kept as keys). */
    private static List<JsonPath.Step> arrayPath(String literal) {
        String body = literal.strip();
        if (body.startsWith("{") && body.endsWith("}")) {
            body = body.substring(1, body.length() - 1);
        }
        List<JsonPath.Step> steps = new ArrayList<>();
        for (String part : body.split(",", -1)) {
            String key = part.strip();
            if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
                key = key.substring(1, key.length() - 1);
            }
            steps.add(new JsonPath.Step(key, false));
        }
        return steps;
    }

    static String unescape(String literal) {
        return literal.replace("''", "'");
    }
}
