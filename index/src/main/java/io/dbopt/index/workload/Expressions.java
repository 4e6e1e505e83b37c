package io.dbopt.index.workload;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;

/** Small predicates over JSqlParser expressions, and the repair of JSqlParser 5.3's IN precedence bug. */
final class Expressions {

    private static final int MAX_LITERAL = 64;

    private Expressions() {
    }

    /**
     * Splits a condition into its AND-ed parts, unwrapping parentheses. JSqlParser 5.3 parses {@code a IN (1, 2) AND
     * b = 3} as {@code a IN ((1, 2) AND b = 3)} (JSqlParser issue 2244); such IN expressions are re-associated first.
     */
    static List<Expression> conjuncts(Expression condition) {
        List<Expression> out = new ArrayList<>();
        collect(condition, out);
        return out;
    }

    private static void collect(Expression e, List<Expression> out) {
        Expression x = unwrap(repairIn(e));
        if (x == null) {
            return;
        }
        if (x instanceof AndExpression and) {
            collect(and.getLeftExpression(), out);
            collect(and.getRightExpression(), out);
        } else {
            out.add(x);
        }
    }

    /** The OR-ed parts of a condition, unwrapping parentheses and repairing IN expressions. */
    static List<Expression> disjuncts(Expression condition) {
        List<Expression> out = new ArrayList<>();
        Expression x = unwrap(repairIn(condition));
        if (x instanceof OrExpression or) {
            out.addAll(disjuncts(or.getLeftExpression()));
            out.addAll(disjuncts(or.getRightExpression()));
        } else if (x != null) {
            out.add(x);
        }
        return out;
    }

    /** Re-associates {@code x IN ((list) AND rest)} as {@code (x IN (list)) AND rest}; other expressions unchanged. */
    static Expression repairIn(Expression e) {
        if (e instanceof InExpression in && isConnective(in.getRightExpression())) {
            BinaryExpression chain = (BinaryExpression) in.getRightExpression();
            BinaryExpression leftmost = chain;
            while (isConnective(leftmost.getLeftExpression())) {
                leftmost = (BinaryExpression) leftmost.getLeftExpression();
            }
            in.setRightExpression(leftmost.getLeftExpression());
            leftmost.setLeftExpression(in);
            return chain;
        }
        return e;
    }

    private static boolean isConnective(Expression e) {
        return e instanceof AndExpression || e instanceof OrExpression;
    }

    /** The expression inside single-element parentheses. */
    static Expression unwrap(Expression e) {
        Expression x = e;
        while (x instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            x = repairIn(list.get(0));
        }
        return x;
    }

    /** Whether the expression is a plain column reference (not {@code true} / {@code false}). */
    static boolean isColumn(Expression e) {
        return unwrap(e) instanceof Column c && !isBooleanWord(c);
    }

    static Column column(Expression e) {
        return (Column) unwrap(e);
    }

    private static boolean isBooleanWord(Column c) {
        return c.getTable() == null && ("true".equalsIgnoreCase(c.getColumnName())
                || "false".equalsIgnoreCase(c.getColumnName()));
    }

    /** Whether the expression is a value for one execution: literals, parameters, and functions or casts of them. */
    static boolean isConstant(Expression e) {
        Expression x = unwrap(e);
        if (x == null || x instanceof Select) {
            return false;
        }
        if (x instanceof Column c) {
            return isBooleanWord(c);
        }
        if (x instanceof JdbcParameter || x instanceof JdbcNamedParameter || x instanceof LongValue
                || x instanceof StringValue || x instanceof DoubleValue || x instanceof DateValue
                || x instanceof TimestampValue || x instanceof TimeKeyExpression || x instanceof NullValue
                || x instanceof IntervalExpression) {
            return true;
        }
        if (x instanceof SignedExpression s) {
            return isConstant(s.getExpression());
        }
        if (x instanceof CastExpression cast) {
            return isConstant(cast.getLeftExpression());
        }
        if (x instanceof Function f) {
            return f.getParameters() == null || f.getParameters().stream().allMatch(Expressions::isConstant);
        }
        if (x instanceof ExpressionList<?> list) {
            return list.stream().allMatch(Expressions::isConstant);
        }
        if (x instanceof BinaryExpression b && !(x instanceof AndExpression) && !(x instanceof OrExpression)) {
            return isConstant(b.getLeftExpression()) && isConstant(b.getRightExpression());
        }
        return false;
    }

    /** The functions of one column that dbopt proposes expression indexes for (immutable on PostgreSQL). */
    static final java.util.Set<String> INDEXABLE_FUNCTIONS = java.util.Set.of("lower", "upper", "date");

    /** A function applied to a column. */
    record FunctionOfColumn(String function, Column column) {
    }

    /** {@code lower(email)}: an indexable function with one plain column argument; empty for anything else. */
    static java.util.Optional<FunctionOfColumn> functionOfColumn(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof Function f && f.getName() != null && f.getParameters() != null
                && f.getParameters().size() == 1 && !f.isDistinct() && !f.isAllColumns()
                && INDEXABLE_FUNCTIONS.contains(f.getName().toLowerCase(java.util.Locale.ROOT))
                && isColumn(f.getParameters().get(0))) {
            return java.util.Optional.of(new FunctionOfColumn(f.getName().toLowerCase(java.util.Locale.ROOT),
                    column(f.getParameters().get(0))));
        }
        return java.util.Optional.empty();
    }

    /** Whether the expression is {@code ANY(...)} / {@code SOME(...)} of a constant. */
    static boolean isAnyArray(Expression e) {
        Expression x = unwrap(e);
        return x instanceof Function f && ("any".equalsIgnoreCase(f.getName()) || "some".equalsIgnoreCase(f.getName()))
                && isConstant(f);
    }

    /** The SQL text of a simple literal (short string, integer, boolean), or empty for anything else. */
    static String simpleLiteral(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof LongValue l) {
            return l.getStringValue();
        }
        if (x instanceof Column c && isBooleanWord(c)) {
            return c.getColumnName().toLowerCase(java.util.Locale.ROOT);
        }
        if (x instanceof StringValue s && s.getValue().length() <= MAX_LITERAL
                && s.getValue().chars().noneMatch(ch -> ch < 0x20 || ch == '\\')
                && (s.getPrefix() == null || s.getPrefix().isEmpty())) {
            return "'" + s.getValue().replace("''", "'").replace("'", "''") + "'";
        }
        return "";
    }
}
