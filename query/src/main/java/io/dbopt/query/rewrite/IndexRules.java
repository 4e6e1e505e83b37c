package io.dbopt.query.rewrite;

import static io.dbopt.query.rewrite.SelectContext.isValue;
import static io.dbopt.query.rewrite.SelectContext.unwrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

/**
 * Rules over one AND-ed condition about indexes: functions and arithmetic that hide an indexed column
 * ({@code date(ts) = x}, {@code c + 1 = x}, {@code lower(c) = x}), leading-wildcard LIKE and comparisons with a value
 * of another type. Stateless.
 */
final class IndexRules {

    private IndexRules() {
    }

    static List<Candidate> candidates(Expression conjunct, SelectContext ctx) {
        List<Candidate> found = new ArrayList<>();
        if (conjunct instanceof EqualsTo eq) {
            Expression l = unwrap(eq.getLeftExpression());
            Expression r = unwrap(eq.getRightExpression());
            Expression wrapped = isValue(r) ? l : isValue(l) ? r : null;
            Expression value = wrapped == l ? r : l;
            if (wrapped != null) {
                dateRange(wrapped, value, ctx).ifPresent(found::add);
                arithmetic(wrapped, value, ctx).ifPresent(found::add);
                expressionIndex(wrapped, ctx).ifPresent(found::add);
            }
        }
        if (conjunct instanceof LikeExpression like) {
            leadingWildcard(like, ctx).ifPresent(found::add);
        }
        if (conjunct instanceof ComparisonOperator cmp) {
            implicitCast(cmp, ctx).ifPresent(found::add);
        }
        return found;
    }

    // ---- date(ts) = x -----------------------------------------------------------------------------------------

    private static Optional<Candidate> dateRange(Expression wrapped, Expression value, SelectContext ctx) {
        Column column = dateArgument(wrapped);
        if (column == null || !ctx.leadsIndex(column, true)) {
            return Optional.empty();
        }
        boolean temporal = ctx.columnInfo(column).map(TableMetadata.Column::temporal).orElse(false);
        boolean literal = value instanceof StringValue || value instanceof DateValue;
        String day = "CAST(" + value + " AS " + (ctx.postgres ? "date" : "DATE") + ")";
        String next = ctx.postgres ? day + " + 1" : day + " + INTERVAL 1 DAY";
        Expression range = PredicateRules.parse(column + " >= " + day + " AND " + column + " < " + next);
        boolean automatic = temporal && literal;
        String reason = "A function around " + column + " hides its index; the range " + column + " >= day AND "
                + column + " < next day can use it" + (automatic ? "" : value instanceof JdbcParameter
                ? " (bind the day twice)" : "");
        return Optional.of(new Candidate(RewriteRule.SARGABLE_RANGE, range, automatic, reason, List.of()));
    }

    private static Column dateArgument(Expression e) {
        if (e instanceof Function f && f.getName().equalsIgnoreCase("date") && f.getParameters() != null
                && f.getParameters().size() == 1 && unwrap(f.getParameters().get(0)) instanceof Column c) {
            return c;
        }
        if (e instanceof CastExpression cast && cast.getColDataType() != null
                && cast.getColDataType().getDataType().equalsIgnoreCase("date")
                && unwrap(cast.getLeftExpression()) instanceof Column c) {
            return c;
        }
        return null;
    }

    // ---- c + 1 = x --------------------------------------------------------------------------------------------

    private static Optional<Candidate> arithmetic(Expression wrapped, Expression value, SelectContext ctx) {
        Column column;
        long k;
        String op; // how the value changes when the constant moves over: value - k, value + k or k - value
        if (wrapped instanceof Addition add && unwrap(add.getLeftExpression()) instanceof Column c
                && unwrap(add.getRightExpression()) instanceof LongValue v) {
            column = c;
            k = v.getValue();
            op = "-";
        } else if (wrapped instanceof Addition add && unwrap(add.getRightExpression()) instanceof Column c
                && unwrap(add.getLeftExpression()) instanceof LongValue v) {
            column = c;
            k = v.getValue();
            op = "-";
        } else if (wrapped instanceof Subtraction sub && unwrap(sub.getLeftExpression()) instanceof Column c
                && unwrap(sub.getRightExpression()) instanceof LongValue v) {
            column = c;
            k = v.getValue();
            op = "+";
        } else {
            return Optional.empty();
        }
        if (!(value instanceof LongValue || value instanceof JdbcParameter) || !ctx.leadsIndex(column, true)) {
            return Optional.empty();
        }
        boolean integral = ctx.columnInfo(column).map(TableMetadata.Column::integral).orElse(false);
        String moved = value instanceof LongValue lv
                ? Long.toString(op.equals("-") ? lv.getValue() - k : lv.getValue() + k)
                : value + " " + op + " " + k;
        Expression replacement = PredicateRules.parse(column + " = " + moved);
        return Optional.of(new Candidate(RewriteRule.SARGABLE_RANGE, replacement, integral, "Arithmetic on "
                + column + " hides its index; moving the constant to the other side lets the index serve it"
                + (integral ? "" : " (exact for integer columns only)"), List.of()));
    }

    // ---- lower(c) = x -----------------------------------------------------------------------------------------

    private static Optional<Candidate> expressionIndex(Expression wrapped, SelectContext ctx) {
        if (!(wrapped instanceof Function f) || !(f.getName().equalsIgnoreCase("lower")
                || f.getName().equalsIgnoreCase("upper")) || f.getParameters() == null
                || f.getParameters().size() != 1 || !(unwrap(f.getParameters().get(0)) instanceof Column column)
                || !ctx.leadsIndex(column, true)) {
            return Optional.empty();
        }
        String fn = f.getName().toLowerCase(Locale.ROOT);
        Optional<Table> table = ctx.tableOf(column);
        List<String> ddl = List.of();
        String how;
        if (ctx.postgres && table.isPresent()) {
            String t = table.get().getName();
            String name = (TableMetadata.unquote(t) + "_" + fn + "_" + TableMetadata.unquote(column.getColumnName())
                    + "_idx").toLowerCase(Locale.ROOT);
            ddl = List.of("CREATE INDEX CONCURRENTLY " + ctx.dialect.quote(name) + " ON " + t + " (" + fn + "("
                    + column.getColumnName() + "))");
            how = "index the expression " + fn + "(" + column.getColumnName() + ")";
        } else {
            how = "add a virtual column AS (" + fn + "(" + column.getColumnName() + ")) and index it";
        }
        return Optional.of(new Candidate(RewriteRule.EXPRESSION_INDEX, null, false, fn + "() around "
                + column + " hides its index: " + how, ddl));
    }

    // ---- LIKE '%x' --------------------------------------------------------------------------------------------

    private static Optional<Candidate> leadingWildcard(LikeExpression like, SelectContext ctx) {
        if (!(unwrap(like.getLeftExpression()) instanceof Column column) || !leadsWithWildcard(unwrap(
                like.getRightExpression()))) {
            return Optional.empty();
        }
        Optional<Table> table = ctx.tableOf(column);
        List<String> ddl = List.of();
        String how;
        if (table.isPresent()) {
            String t = table.get().getName();
            String c = column.getColumnName();
            String base = (TableMetadata.unquote(t) + "_" + TableMetadata.unquote(c)).toLowerCase(Locale.ROOT);
            if (ctx.postgres) {
                ddl = List.of("CREATE EXTENSION IF NOT EXISTS pg_trgm", "CREATE INDEX CONCURRENTLY "
                        + ctx.dialect.quote(base + "_trgm_idx") + " ON " + t + " USING gin (" + c + " gin_trgm_ops)");
                how = "a trigram index serves LIKE patterns with a leading wildcard";
            } else {
                ddl = List.of("ALTER TABLE " + t + " ADD FULLTEXT INDEX " + ctx.dialect.quote(base + "_ft_idx")
                        + " (" + c + ")");
                how = "no B-tree can; a FULLTEXT index with MATCH ... AGAINST can, for whole words";
            }
        } else {
            how = ctx.postgres ? "a pg_trgm GIN index can" : "a FULLTEXT index can, for whole words";
        }
        return Optional.of(new Candidate(RewriteRule.TRIGRAM_INDEX, null, false, "LIKE with a leading wildcard on "
                + column + " reads every row: " + how, ddl));
    }

    private static boolean leadsWithWildcard(Expression pattern) {
        if (pattern instanceof StringValue s) {
            return s.getValue().startsWith("%") || s.getValue().startsWith("_");
        }
        if (pattern instanceof Concat concat) {
            return leadsWithWildcard(unwrap(concat.getLeftExpression()));
        }
        if (pattern instanceof Function f && f.getName().equalsIgnoreCase("concat") && f.getParameters() != null
                && !f.getParameters().isEmpty()) {
            return leadsWithWildcard(unwrap(f.getParameters().get(0)));
        }
        return false;
    }

    // ---- implicit casts ---------------------------------------------------------------------------------------

    private static Optional<Candidate> implicitCast(ComparisonOperator cmp, SelectContext ctx) {
        Expression l = unwrap(cmp.getLeftExpression());
        Expression r = unwrap(cmp.getRightExpression());
        Column column = l instanceof Column c ? c : r instanceof Column c2 ? c2 : null;
        Expression value = column == l ? r : l;
        if (column == null) {
            return Optional.empty();
        }
        Optional<TableMetadata.Column> info = ctx.columnInfo(column);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        if (!ctx.postgres && info.get().textual() && (value instanceof LongValue || value instanceof DoubleValue)) {
            Expression quoted = PredicateRules.parse(column + " = '" + value + "'");
            return Optional.of(new Candidate(RewriteRule.IMPLICIT_CAST, quoted, false, column + " is text but is "
                    + "compared with a number, so every row is converted and the index is skipped; compare with a "
                    + "string (results can differ: '007' = 7 holds numerically)", List.of()));
        }
        if (ctx.postgres && info.get().integral() && value instanceof DoubleValue d
                && d.getValue() == Math.rint(d.getValue())) {
            Expression whole = PredicateRules.parse(column + " = " + (long) d.getValue());
            return Optional.of(new Candidate(RewriteRule.IMPLICIT_CAST, whole, false, column + " is an integer "
                    + "compared with a numeric literal, so it is cast for every row and its index is skipped; write "
                    + "the literal as an integer", List.of()));
        }
        return Optional.empty();
    }
}
