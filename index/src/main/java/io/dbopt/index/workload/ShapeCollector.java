package io.dbopt.index.workload;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.query.sql.StatementKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/** Walks one parsed statement scope by scope and records what each catalog table access needs. Single use. */
final class ShapeCollector {

    private final Dialect dialect;
    private final SchemaLookup lookup;
    private final boolean ignoreCase;
    private final List<Scope.Entry> entries = new ArrayList<>();
    private final Set<String> cteNames = new HashSet<>();

    ShapeCollector(Dialect dialect, SchemaLookup lookup) {
        this.dialect = dialect;
        this.lookup = lookup;
        this.ignoreCase = !(dialect instanceof PostgresDialect);
    }

    List<TableAccess> accesses() {
        return entries.stream().map(Scope.Entry::build).toList();
    }

    /** Returns the statement kind, or empty for statements that are not queries or DML. */
    Optional<StatementKind> statement(Statement statement) {
        if (statement instanceof Select select) {
            select(select, null);
            return Optional.of(StatementKind.SELECT);
        }
        if (statement instanceof Update update) {
            withItems(update.getWithItemsList(), null);
            Scope scope = new Scope(null, ignoreCase);
            Optional<Scope.Entry> target = table(update.getTable(), scope);
            fromItem(update.getFromItem(), scope);
            joins(update.getJoins(), scope);
            where(update.getWhere(), scope);
            target.ifPresent(t -> {
                for (UpdateSet set : update.getUpdateSets()) {
                    for (Column c : set.getColumns()) {
                        t.columns().column(identifier(c.getColumnName()), ignoreCase).ifPresent(t.updated::add);
                    }
                }
            });
            return Optional.of(StatementKind.UPDATE);
        }
        if (statement instanceof Delete delete) {
            withItems(delete.getWithItemsList(), null);
            Scope scope = new Scope(null, ignoreCase);
            table(delete.getTable(), scope);
            joins(delete.getJoins(), scope);
            where(delete.getWhere(), scope);
            return Optional.of(StatementKind.DELETE);
        }
        if (statement instanceof Insert insert) {
            Scope scope = new Scope(null, ignoreCase);
            table(insert.getTable(), scope);
            if (insert.getSelect() != null
                    && !(insert.getSelect() instanceof net.sf.jsqlparser.statement.select.Values)) {
                select(insert.getSelect(), null);
            }
            return Optional.of(StatementKind.INSERT);
        }
        return Optional.empty();
    }

    private void select(Select select, Scope outer) {
        withItems(select.getWithItemsList(), outer);
        if (select instanceof PlainSelect plain) {
            plain(plain, outer);
        } else if (select instanceof SetOperationList set) {
            set.getSelects().forEach(s -> select(s, outer));
        } else if (select instanceof ParenthesedSelect parenthesed) {
            select(parenthesed.getSelect(), outer);
        }
    }

    private void withItems(List<WithItem<?>> items, Scope outer) {
        if (items == null) {
            return;
        }
        for (WithItem<?> item : items) {
            cteNames.add(identifier(item.getAliasName()));
            if (item.getSelect() != null) {
                select(item.getSelect(), outer);
            }
        }
    }

    private void plain(PlainSelect select, Scope outer) {
        Scope scope = new Scope(outer, ignoreCase);
        fromItem(select.getFromItem(), scope);
        joins(select.getJoins(), scope);
        where(select.getWhere(), scope);
        if (select.getSelectItems() != null) {
            for (SelectItem<?> item : select.getSelectItems()) {
                Expression e = item.getExpression();
                if (e instanceof AllColumns && !(e instanceof AllTableColumns)) {
                    scope.entries().forEach(en -> en.allColumns = true);
                } else if (e instanceof AllTableColumns all) {
                    scope.byAlias(identifier(all.getTable().getName())).ifPresent(en -> en.allColumns = true);
                } else {
                    references(e, scope);
                }
            }
        }
        orderBy(select.getOrderByElements(), scope);
        if (select.getGroupBy() != null && select.getGroupBy().getGroupByExpressionList() != null) {
            for (Object g : select.getGroupBy().getGroupByExpressionList()) {
                if (g instanceof Expression e && Expressions.isColumn(e)) {
                    bind(Expressions.column(e), scope).ifPresent(b -> b.entry().groupBy.add(b.column()));
                }
                if (g instanceof Expression e) {
                    references(e, scope);
                }
            }
        }
        references(select.getHaving(), scope);
        if (select.getLimit() != null || select.getFetch() != null) {
            scope.entries().forEach(en -> en.limited = true);
        }
    }

    private void joins(List<Join> joins, Scope scope) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            fromItem(join.getRightItem(), scope);
        }
        for (Join join : joins) {
            if (join.getOnExpressions() != null) {
                join.getOnExpressions().forEach(on -> where(on, scope));
            }
            if (join.getUsingColumns() != null) {
                for (Column c : join.getUsingColumns()) {
                    List<Scope.Bound> sides = scope.bindAll(identifier(c.getColumnName()));
                    sides.forEach(b -> b.entry().add(b.column(), PredicateKind.JOIN, ""));
                }
            }
        }
    }

    private void fromItem(FromItem item, Scope scope) {
        if (item instanceof Table table) {
            table(table, scope);
        } else if (item instanceof ParenthesedSelect sub) {
            select(sub.getSelect(), scope.outer());
        } else if (item instanceof ParenthesedFromItem nested) {
            fromItem(nested.getFromItem(), scope);
            joins(nested.getJoins(), scope);
        }
    }

    private Optional<Scope.Entry> table(Table table, Scope scope) {
        if (table == null || table.getName() == null) {
            return Optional.empty();
        }
        String schema = table.getSchemaName() == null ? "" : identifier(table.getSchemaName());
        String name = identifier(table.getName());
        if (schema.isEmpty() && cteNames.contains(name)) {
            return Optional.empty();
        }
        Optional<TableColumns> found = lookup.table(schema, name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String alias = table.getAlias() != null ? identifier(table.getAlias().getName()) : name;
        Scope.Entry entry = scope.add(alias, found.get());
        entries.add(entry);
        return Optional.of(entry);
    }

    private void where(Expression condition, Scope scope) {
        if (condition == null) {
            return;
        }
        for (Expression part : Expressions.conjuncts(condition)) {
            predicate(part, scope);
            references(part, scope);
        }
    }

    private void predicate(Expression e, Scope scope) {
        if (e instanceof EqualsTo eq) {
            equality(eq, scope);
        } else if (e instanceof GreaterThan || e instanceof GreaterThanEquals || e instanceof MinorThan
                || e instanceof MinorThanEquals) {
            ComparisonOperator cmp = (ComparisonOperator) e;
            columnAgainstConstant(cmp.getLeftExpression(), cmp.getRightExpression(), scope, PredicateKind.RANGE, "");
            columnAgainstConstant(cmp.getRightExpression(), cmp.getLeftExpression(), scope, PredicateKind.RANGE, "");
        } else if (e instanceof Between between && !between.isNot()
                && Expressions.isConstant(between.getBetweenExpressionStart())
                && Expressions.isConstant(between.getBetweenExpressionEnd())) {
            columnAgainstConstant(between.getLeftExpression(), between.getBetweenExpressionStart(), scope,
                    PredicateKind.RANGE, "");
        } else if (e instanceof InExpression in && !in.isNot()) {
            if (Expressions.isConstant(in.getRightExpression()) || in.getRightExpression() instanceof Select) {
                if (Expressions.isColumn(in.getLeftExpression())) {
                    bind(Expressions.column(in.getLeftExpression()), scope)
                            .ifPresent(b -> b.entry().add(b.column(), PredicateKind.IN, ""));
                } else {
                    functionOfColumn(in.getLeftExpression(), scope, PredicateKind.IN);
                }
            }
        } else if (e instanceof IsNullExpression isNull && !isNull.isNot()
                && Expressions.isColumn(isNull.getLeftExpression())) {
            bind(Expressions.column(isNull.getLeftExpression()), scope)
                    .ifPresent(b -> b.entry().add(b.column(), PredicateKind.EQUALITY, ""));
        } else if (e instanceof LikeExpression like && !like.isNot() && !like.isCaseInsensitive()
                && like.getLikeKeyWord() == LikeExpression.KeyWord.LIKE
                && Expressions.unwrap(like.getRightExpression()) instanceof net.sf.jsqlparser.expression.StringValue s
                && !s.getValue().isEmpty() && s.getValue().charAt(0) != '%' && s.getValue().charAt(0) != '_') {
            columnAgainstConstant(like.getLeftExpression(), like.getRightExpression(), scope, PredicateKind.RANGE, "");
        } else if (e instanceof LikeExpression like && !like.isNot() && Expressions.isColumn(like.getLeftExpression())
                && startsWithWildcard(like.getRightExpression())) {
            bind(Expressions.column(like.getLeftExpression()), scope)
                    .ifPresent(b -> b.entry().add(b.column(), PredicateKind.PATTERN, ""));
        } else if (e instanceof JsonOperator json) {
            String op = json.getStringExpression();
            PredicateKind kind = "@>".equals(op) ? PredicateKind.CONTAINMENT
                    : "?".equals(op) || "?|".equals(op) || "?&".equals(op) ? PredicateKind.KEY_EXISTS : null;
            if (kind != null) {
                columnAgainstConstant(json.getLeftExpression(), json.getRightExpression(), scope, kind, "");
            }
        } else if (e instanceof net.sf.jsqlparser.expression.operators.conditional.OrExpression) {
            sameColumnDisjunction(e, scope);
        }
    }

    private void equality(EqualsTo eq, Scope scope) {
        Expression l = eq.getLeftExpression();
        Expression r = eq.getRightExpression();
        if (Expressions.isColumn(l) && Expressions.isColumn(r)) {
            Optional<Scope.Bound> a = bind(Expressions.column(l), scope);
            Optional<Scope.Bound> b = bind(Expressions.column(r), scope);
            if (a.isPresent() && b.isPresent() && a.get().entry() != b.get().entry()) {
                a.get().entry().add(a.get().column(), PredicateKind.JOIN, "");
                b.get().entry().add(b.get().column(), PredicateKind.JOIN, "");
            } else if (a.isPresent() && b.isEmpty()) {
                a.get().entry().add(a.get().column(), PredicateKind.EQUALITY, ""); // correlated outer column
            } else if (b.isPresent() && a.isEmpty()) {
                b.get().entry().add(b.get().column(), PredicateKind.EQUALITY, "");
            }
            return;
        }
        if (Expressions.isAnyArray(r)) {
            columnAgainstConstant(l, r, scope, PredicateKind.IN, "");
            return;
        }
        columnAgainstConstant(l, r, scope, PredicateKind.EQUALITY, Expressions.simpleLiteral(r));
        columnAgainstConstant(r, l, scope, PredicateKind.EQUALITY, Expressions.simpleLiteral(l));
    }

    private void columnAgainstConstant(Expression column, Expression value, Scope scope, PredicateKind kind,
                                       String literal) {
        if (Expressions.isColumn(column) && Expressions.isConstant(value)) {
            bind(Expressions.column(column), scope).ifPresent(b -> b.entry().add(b.column(), kind, literal));
        } else if (Expressions.isConstant(value) && (kind == PredicateKind.EQUALITY || kind == PredicateKind.RANGE
                || kind == PredicateKind.IN)) {
            functionOfColumn(column, scope, kind);
        }
    }

    /** {@code '%x%'}, {@code '%' || ?}, {@code CONCAT('%', ?, '%')}: a pattern whose first character is a wildcard. */
    private static boolean startsWithWildcard(Expression pattern) {
        Expression p = Expressions.unwrap(pattern);
        if (p instanceof net.sf.jsqlparser.expression.StringValue s) {
            return !s.getValue().isEmpty() && (s.getValue().charAt(0) == '%' || s.getValue().charAt(0) == '_');
        }
        if (p instanceof net.sf.jsqlparser.expression.operators.arithmetic.Concat concat) {
            return startsWithWildcard(concat.getLeftExpression());
        }
        if (p instanceof net.sf.jsqlparser.expression.Function f && "concat".equalsIgnoreCase(f.getName())
                && f.getParameters() != null && !f.getParameters().isEmpty()) {
            return startsWithWildcard((Expression) f.getParameters().get(0));
        }
        return false;
    }

    /** {@code lower(email)}, {@code date(created_at)}: an expression index candidate on the bound column. */
    private void functionOfColumn(Expression e, Scope scope, PredicateKind kind) {
        Expressions.functionOfColumn(e).ifPresent(f -> bind(f.column(), scope)
                .ifPresent(b -> b.entry().addExpression(f.function(), b.column(), kind)));
    }

    /** {@code a = 1 OR a = 2 OR a IN (3)} is an IN over {@code a}; any other disjunction serves no single index. */
    private void sameColumnDisjunction(Expression or, Scope scope) {
        Set<Scope.Bound> columns = new LinkedHashSet<>();
        for (Expression part : Expressions.disjuncts(or)) {
            Expression col;
            Expression val;
            if (part instanceof EqualsTo eq) {
                col = eq.getLeftExpression();
                val = eq.getRightExpression();
            } else if (part instanceof InExpression in && !in.isNot()) {
                col = in.getLeftExpression();
                val = in.getRightExpression();
            } else {
                return;
            }
            if (!Expressions.isColumn(col) || !Expressions.isConstant(val)) {
                return;
            }
            Optional<Scope.Bound> b = bind(Expressions.column(col), scope);
            if (b.isEmpty()) {
                return;
            }
            columns.add(b.get());
        }
        if (columns.size() == 1) {
            Scope.Bound b = columns.iterator().next();
            b.entry().add(b.column(), PredicateKind.IN, "");
        }
    }

    private void orderBy(List<OrderByElement> order, Scope scope) {
        if (order == null || order.isEmpty()) {
            return;
        }
        Scope.Entry entry = null;
        List<String> columns = new ArrayList<>();
        Boolean ascending = null;
        for (OrderByElement element : order) {
            references(element.getExpression(), scope);
            if (!Expressions.isColumn(element.getExpression())) {
                return;
            }
            Optional<Scope.Bound> b = bind(Expressions.column(element.getExpression()), scope);
            if (b.isEmpty() || (entry != null && entry != b.get().entry())
                    || (ascending != null && ascending != element.isAsc())) {
                return;
            }
            entry = b.get().entry();
            ascending = element.isAsc();
            columns.add(b.get().column());
        }
        entry.orderBy.addAll(columns);
        entry.orderDescending = !ascending;
    }

    /** Records every column the expression mentions and analyses its subqueries. */
    private void references(Expression e, Scope scope) {
        if (e == null) {
            return;
        }
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                bind(column, scope).ifPresent(b -> b.entry().referenced.add(b.column()));
                return null;
            }

            @Override
            public <S> Void visit(ParenthesedSelect sub, S context) {
                select(sub.getSelect(), scope);
                return null;
            }

            @Override
            public <S> Void visit(InExpression in, S context) {
                in.getLeftExpression().accept(this, context);
                Expression right = in.getRightExpression();
                if (right instanceof Select sub) {
                    select(sub, scope); // the adapter does not descend into IN (SELECT ...)
                } else {
                    right.accept(this, context);
                }
                return null;
            }

            @Override
            public <S> Void visit(ExistsExpression exists, S context) {
                exists.getRightExpression().accept(this, context);
                return null;
            }
        }, null);
    }

    private Optional<Scope.Bound> bind(Column column, Scope scope) {
        String qualifier = column.getTable() == null || column.getTable().getName() == null ? ""
                : identifier(column.getTable().getName());
        return scope.bind(qualifier, identifier(column.getColumnName()));
    }

    /** An identifier as the catalog stores it: quotes removed (and doubled quotes undone), unquoted ones folded. */
    String identifier(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        char first = raw.charAt(0);
        if ((first == '"' || first == '`') && raw.length() >= 2 && raw.charAt(raw.length() - 1) == first) {
            String q = String.valueOf(first);
            return raw.substring(1, raw.length() - 1).replace(q + q, q);
        }
        return dialect.foldUnquoted(raw);
    }
}
