package io.dbopt.query.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/** Rules over a whole SELECT: {@code SELECT *}, {@code SELECT count(*) > 0} and OFFSET pagination. Stateless. */
final class SelectRules {

    private SelectRules() {
    }

    /** Replaces {@code *} and {@code t.*} with the columns, in order; false when metadata is missing. */
    static boolean expandStar(SelectContext ctx) {
        PlainSelect select = ctx.select;
        boolean hasStar = select.getSelectItems().stream().anyMatch(i -> i.getExpression() instanceof AllColumns);
        if (!hasStar || !ctx.onlyTables() || ctx.tables().isEmpty()) {
            return false;
        }
        if (select.getJoins() != null && select.getJoins().stream().anyMatch(j -> j.isNatural()
                || j.getUsingColumns() != null && !j.getUsingColumns().isEmpty())) {
            return false; // USING and NATURAL merge columns, which * shows once
        }
        List<Table> tables = ctx.tables();
        List<SelectItem<?>> items = new ArrayList<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns tableColumns) {
                Optional<Table> t = tables.stream().filter(x -> SelectContext.qualifier(x)
                        .equalsIgnoreCase(tableColumns.getTable().getName())).findFirst();
                if (t.isEmpty() || !addColumns(ctx, t.get(), true, items)) {
                    return false;
                }
            } else if (e instanceof AllColumns) {
                for (Table t : tables) {
                    if (!addColumns(ctx, t, tables.size() > 1, items)) {
                        return false;
                    }
                }
            } else {
                items.add(item);
            }
        }
        select.setSelectItems(items);
        return true;
    }

    private static boolean addColumns(SelectContext ctx, Table table, boolean qualify, List<SelectItem<?>> items) {
        Optional<TableMetadata> meta = ctx.metadata(table);
        if (meta.isEmpty()) {
            return false;
        }
        for (TableMetadata.Column c : meta.get().columns()) {
            Column column = qualify ? new Column(new Table(SelectContext.qualifier(table)), ctx.dialect.quote(c.name()))
                    : new Column(ctx.dialect.quote(c.name()));
            items.add(new SelectItem<>(column));
        }
        return true;
    }

    /** {@code SELECT count(*) > 0 FROM ...} as {@code SELECT EXISTS (SELECT 1 FROM ...)}, when it is that. */
    static Optional<PlainSelect> countToExists(PlainSelect select) {
        if (select.getSelectItems().size() != 1 || select.getGroupBy() != null || select.getHaving() != null
                || select.getDistinct() != null || !(select.getSelectItems().get(0).getExpression()
                instanceof ComparisonOperator cmp) || !PredicateRules.isCountStar(cmp.getLeftExpression())
                || !(cmp.getRightExpression() instanceof LongValue bound)) {
            return Optional.empty();
        }
        Optional<Boolean> exists = PredicateRules.existence(cmp, bound.getValue());
        if (exists.isEmpty()) {
            return Optional.empty();
        }
        SelectItem<?> item = select.getSelectItems().get(0);
        String body = PredicateRules.existsBody(select);
        String text = "SELECT " + (exists.get() ? "" : "NOT ") + "EXISTS (" + body + ")"
                + (item.getAlias() != null ? item.getAlias() : "");
        return Optional.of((PlainSelect) QueryRewriter.parseSelect(text));
    }

    /** The keyset form of an OFFSET-paginated select ordered by plain columns; empty when not applicable. */
    static Optional<String> keyset(PlainSelect select) {
        // a row-value comparison (a, b) > (?, ?) works on both servers

        boolean offset = select.getOffset() != null || select.getLimit() != null
                && select.getLimit().getOffset() != null;
        List<OrderByElement> order = select.getOrderByElements();
        if (!offset || order == null || order.isEmpty()
                || !order.stream().allMatch(o -> o.getExpression() instanceof Column)
                || order.stream().map(OrderByElement::isAsc).distinct().count() != 1) {
            return Optional.empty();
        }
        PlainSelect copy = (PlainSelect) QueryRewriter.parseSelect(select.toString());
        boolean asc = order.get(0).isAsc();
        String columns = order.stream().map(o -> o.getExpression().toString()).collect(Collectors.joining(", "));
        String marks = order.stream().map(o -> "?").collect(Collectors.joining(", "));
        String seek = order.size() == 1 ? columns + (asc ? " > ?" : " < ?")
                : "(" + columns + ") " + (asc ? ">" : "<") + " (" + marks + ")";
        List<Expression> parts = SelectContext.conjuncts(copy.getWhere());
        parts.add(PredicateRules.parse(seek));
        copy.setWhere(SelectContext.and(parts));
        copy.setOffset(null);
        if (copy.getLimit() != null) {
            copy.getLimit().setOffset(null);
        }
        return Optional.of(copy.toString());
    }
}
