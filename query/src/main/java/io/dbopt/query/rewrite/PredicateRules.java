package io.dbopt.query.rewrite;

import static io.dbopt.query.rewrite.SelectContext.isValue;
import static io.dbopt.query.rewrite.SelectContext.unwrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Rules over one AND-ed condition of a WHERE clause that change its form: OR to IN, NOT IN to NOT EXISTS, count to
 * EXISTS, long IN lists to {@code = ANY(?)}. Stateless.
 */
final class PredicateRules {

    private PredicateRules() {
    }

    static List<Candidate> candidates(Expression conjunct, SelectContext ctx, int longInList) {
        List<Candidate> found = new ArrayList<>();
        orToIn(conjunct).ifPresent(found::add);
        notInToNotExists(conjunct, ctx).ifPresent(found::add);
        countToExists(conjunct).ifPresent(found::add);
        if (ctx.postgres) {
            inListToAny(conjunct, longInList).ifPresent(found::add);
        }
        return found;
    }

    static Expression parse(String condition) {
        try {
            return CCJSqlParserUtil.parseCondExpression(condition, false);
        } catch (JSQLParserException e) {
            throw new IllegalStateException("The rewriter built a condition JSqlParser cannot read back: "
                    + condition, e);
        }
    }

    // ---- a = x OR a = y --------------------------------------------------------------------------------------

    private static Optional<Candidate> orToIn(Expression conjunct) {
        if (!(conjunct instanceof OrExpression)) {
            return Optional.empty();
        }
        List<Expression> terms = new ArrayList<>();
        flattenOr(conjunct, terms);
        String column = null;
        Expression columnExpression = null;
        List<Expression> values = new ArrayList<>();
        for (Expression term : terms) {
            if (!(unwrap(term) instanceof EqualsTo eq)) {
                return Optional.empty();
            }
            Expression l = unwrap(eq.getLeftExpression());
            Expression r = unwrap(eq.getRightExpression());
            Expression col = l instanceof Column && isValue(r) ? l : r instanceof Column && isValue(l) ? r : null;
            if (col == null) {
                return Optional.empty();
            }
            String key = col.toString().toLowerCase(Locale.ROOT);
            if (column == null) {
                column = key;
                columnExpression = col;
            } else if (!column.equals(key)) {
                return Optional.empty();
            }
            values.add(col == l ? r : l);
        }
        InExpression in = new InExpression(columnExpression, new ParenthesedExpressionList<>(values));
        return Optional.of(new Candidate(RewriteRule.OR_TO_IN, in, true, "A chain of OR-ed equalities on "
                + columnExpression + " reads better and plans as one IN list (one index scan)", List.of()));
    }

    private static void flattenOr(Expression e, List<Expression> terms) {
        Expression u = unwrap(e);
        if (u instanceof OrExpression or) {
            flattenOr(or.getLeftExpression(), terms);
            flattenOr(or.getRightExpression(), terms);
        } else {
            terms.add(u);
        }
    }

    // ---- a NOT IN (SELECT b ...) -------------------------------------------------------------------------------

    private static Optional<Candidate> notInToNotExists(Expression conjunct, SelectContext ctx) {
        if (!(conjunct instanceof InExpression in) || !in.isNot()
                || !(unwrap(in.getLeftExpression()) instanceof Column outer)
                || !(in.getRightExpression() instanceof ParenthesedSelect sub) || sub.getPlainSelect() == null) {
            return Optional.empty();
        }
        PlainSelect inner = sub.getPlainSelect();
        if (inner.getSelectItems().size() != 1 || !(inner.getSelectItems().get(0).getExpression() instanceof Column
                innerColumn) || !(inner.getFromItem() instanceof Table innerTable) || inner.getJoins() != null
                || inner.getGroupBy() != null || inner.getHaving() != null || inner.getDistinct() != null
                || inner.getLimit() != null || inner.getOffset() != null) {
            return Optional.empty();
        }
        Optional<Table> outerTable = ctx.tableOf(outer);
        if (outerTable.isEmpty()) {
            return Optional.empty();
        }
        String innerName = SelectContext.qualifier(innerTable);
        String outerName = SelectContext.qualifier(outerTable.get());
        if (innerName.equalsIgnoreCase(outerName)) {
            return Optional.empty(); // the correlation would be ambiguous without an alias
        }
        String correlation = innerName + "." + innerColumn.getColumnName() + " = " + outerName + "."
                + outer.getColumnName();
        String where = inner.getWhere() == null ? correlation : "(" + inner.getWhere() + ") AND " + correlation;
        Expression notExists = parse("NOT EXISTS (SELECT 1 FROM " + innerTable + " WHERE " + where + ")");
        boolean outerNotNull = ctx.columnInfo(outer).map(c -> !c.nullable()).orElse(false);
        boolean innerNotNull = ctx.metadata(innerTable).flatMap(m -> m.column(innerColumn.getColumnName()))
                .map(c -> !c.nullable()).orElse(false);
        boolean safe = outerNotNull && innerNotNull;
        String reason = safe ? "NOT IN over a subquery plans as a hashed or repeated subplan; NOT EXISTS becomes an "
                + "anti-join, and both columns are NOT NULL so results are the same"
                : "NOT IN returns no row at all as soon as the subquery yields a NULL, NOT EXISTS ignores NULLs: "
                + "switch to NOT EXISTS (an anti-join) only once " + outer + " and " + innerColumn
                + " are declared NOT NULL";
        return Optional.of(new Candidate(RewriteRule.NOT_IN_TO_NOT_EXISTS, notExists, safe, reason, List.of()));
    }

    // ---- (SELECT count(*) ...) > 0 -----------------------------------------------------------------------------

    private static Optional<Candidate> countToExists(Expression conjunct) {
        if (!(conjunct instanceof ComparisonOperator cmp) || !(unwrap(cmp.getLeftExpression())
                instanceof ParenthesedSelect sub) || sub.getPlainSelect() == null
                || !(unwrap(cmp.getRightExpression()) instanceof LongValue bound)) {
            return Optional.empty();
        }
        PlainSelect counted = sub.getPlainSelect();
        if (!isCountStar(counted)) {
            return Optional.empty();
        }
        Optional<Boolean> exists = existence(cmp, bound.getValue());
        if (exists.isEmpty()) {
            return Optional.empty();
        }
        String body = existsBody(counted);
        Expression replacement = parse((exists.get() ? "" : "NOT ") + "EXISTS (" + body + ")");
        return Optional.of(new Candidate(RewriteRule.COUNT_TO_EXISTS, replacement, true, "Counting every matching "
                + "row to compare with " + bound.getValue() + " reads them all; EXISTS stops at the first",
                List.of()));
    }

    /** Whether a comparison of a count with {@code n} asks for existence (true) or absence (false). */
    static Optional<Boolean> existence(Expression cmp, long n) {
        if (cmp instanceof GreaterThan && n == 0 || cmp instanceof GreaterThanEquals && n == 1
                || cmp instanceof NotEqualsTo && n == 0) {
            return Optional.of(true);
        }
        if (cmp instanceof EqualsTo && n == 0 || cmp instanceof MinorThan && n == 1
                || cmp instanceof MinorThanEquals && n == 0) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    static boolean isCountStar(PlainSelect select) {
        return select.getSelectItems().size() == 1 && isCountStar(select.getSelectItems().get(0).getExpression())
                && select.getGroupBy() == null && select.getHaving() == null && select.getDistinct() == null
                && select.getLimit() == null && select.getOffset() == null;
    }

    static boolean isCountStar(Expression e) {
        if (!(e instanceof Function f) || !f.getName().equalsIgnoreCase("count") || f.isDistinct()) {
            return false;
        }
        String text = f.toString().replace(" ", "").toLowerCase(Locale.ROOT);
        return text.equals("count(*)") || text.equals("count(1)");
    }

    /** {@code SELECT 1 FROM ... WHERE ...} of a counting select. */
    static String existsBody(PlainSelect counted) {
        StringBuilder sb = new StringBuilder("SELECT 1");
        if (counted.getFromItem() != null) {
            sb.append(" FROM ").append(counted.getFromItem());
        }
        if (counted.getJoins() != null) {
            counted.getJoins().forEach(j -> sb.append(j.isSimple() ? ", " : " ").append(j));
        }
        if (counted.getWhere() != null) {
            sb.append(" WHERE ").append(counted.getWhere());
        }
        return sb.toString();
    }

    // ---- long IN lists ----------------------------------------------------------------------------------------

    private static Optional<Candidate> inListToAny(Expression conjunct, int longInList) {
        if (!(conjunct instanceof InExpression in) || in.isNot()
                || !(in.getRightExpression() instanceof ParenthesedExpressionList<?> list)
                || list.size() < longInList || !list.stream().allMatch(SelectContext::isValue)) {
            return Optional.empty();
        }
        Expression any = parse(in.getLeftExpression() + " = ANY(?)");
        return Optional.of(new Candidate(RewriteRule.IN_LIST_TO_ANY, any, false, "An IN list of " + list.size()
                + " values makes a new statement text for every list length (plan cache and statistics churn); bind "
                + "one array to = ANY(?) instead", List.of()));
    }
}
