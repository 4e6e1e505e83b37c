package io.dbopt.index.whatif;

import io.dbopt.index.workload.QueryShape;
import io.dbopt.index.workload.TableAccess;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Fills the {@code ?} of a MariaDB digest with representative values of the columns they are compared with (a
 * sample value from the table), so the statement can be explained; LIMIT and OFFSET get 10 and 0. Rewrites the
 * statement through JSqlParser's deparser, which can also add {@code IGNORE INDEX} hints for a what-if drop.
 */
final class ParameterFiller {

    private final ColumnStatistics statistics;
    private final QueryShape shape;

    ParameterFiller(ColumnStatistics statistics, QueryShape shape) {
        this.statistics = statistics;
        this.shape = shape;
    }

    /** The statement with its placeholders filled; empty when it cannot be parsed. */
    Optional<Statement> fill(String sql) {
        Statement statement;
        try {
            statement = io.dbopt.index.workload.StatementParser.parse(sql);
        } catch (JSQLParserException | RuntimeException e) {
            return Optional.empty();
        }
        walk(statement);
        return Optional.of(statement);
    }

    private void walk(Statement statement) {
        if (statement instanceof Select select) {
            select(select);
        } else if (statement instanceof Update update) {
            expression(update.getWhere());
            update.getUpdateSets().forEach(set -> set.getValues().forEach(v -> expression((Expression) v)));
            limit(update.getLimit());
        } else if (statement instanceof Delete delete) {
            expression(delete.getWhere());
            limit(delete.getLimit());
        }
    }

    private void select(Select select) {
        if (select instanceof PlainSelect plain) {
            from(plain.getFromItem());
            if (plain.getJoins() != null) {
                for (Join join : plain.getJoins()) {
                    from(join.getRightItem());
                    if (join.getOnExpressions() != null) {
                        join.getOnExpressions().forEach(this::expression);
                    }
                }
            }
            if (plain.getSelectItems() != null) {
                plain.getSelectItems().forEach(item -> expression(item.getExpression()));
            }
            expression(plain.getWhere());
            expression(plain.getHaving());
            limit(plain.getLimit());
        } else if (select instanceof SetOperationList set) {
            set.getSelects().forEach(this::select);
            limit(set.getLimit());
        } else if (select instanceof ParenthesedSelect p) {
            select(p.getSelect());
            limit(p.getLimit());
        }
    }

    private void from(FromItem item) {
        if (item instanceof ParenthesedSelect sub) {
            select(sub.getSelect());
        }
    }

    private void limit(Limit limit) {
        if (limit == null) {
            return;
        }
        if (limit.getRowCount() instanceof JdbcParameter p) {
            p.setParameterCharacter("10");
        }
        if (limit.getOffset() instanceof JdbcParameter p) {
            p.setParameterCharacter("0");
        }
    }

    private void expression(Expression expression) {
        if (expression == null) {
            return;
        }
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            protected <S> Void visitBinaryExpression(BinaryExpression e, S context) {
                bind(e.getLeftExpression(), e.getRightExpression());
                bind(e.getRightExpression(), e.getLeftExpression());
                return super.visitBinaryExpression(e, context);
            }

            @Override
            public <S> Void visit(InExpression e, S context) {
                Expression right = e.getRightExpression();
                while (right instanceof AndExpression || right instanceof OrExpression) {
                    right = ((BinaryExpression) right).getLeftExpression(); // JSqlParser 5.3 IN precedence bug
                }
                if (right instanceof ExpressionList<?> list) {
                    list.forEach(v -> bind(e.getLeftExpression(), v));
                }
                return super.visit(e, context);
            }

            @Override
            public <S> Void visit(Between e, S context) {
                bind(e.getLeftExpression(), e.getBetweenExpressionStart());
                bind(e.getLeftExpression(), e.getBetweenExpressionEnd());
                return super.visit(e, context);
            }

            @Override
            public <S> Void visit(JdbcParameter p, S context) {
                if ("?".equals(p.getParameterCharacter())) {
                    p.setParameterCharacter("1"); // compared with no column: any value
                }
                return null;
            }

            @Override
            public <S> Void visit(ParenthesedSelect sub, S context) {
                select(sub.getSelect());
                return null;
            }
        }, null);
    }

    private void bind(Expression column, Expression value) {
        if (column instanceof Column c && value instanceof JdbcParameter p && "?".equals(p.getParameterCharacter())) {
            sample(c).ifPresent(p::setParameterCharacter);
        }
    }

    private Optional<String> sample(Column column) {
        String qualifier = column.getTable() == null || column.getTable().getName() == null ? ""
                : unquote(column.getTable().getName());
        String name = unquote(column.getColumnName());
        for (TableAccess access : shape.tables()) {
            if (!qualifier.isEmpty() && !access.alias().equalsIgnoreCase(qualifier)
                    && !access.table().name().equalsIgnoreCase(qualifier)) {
                continue;
            }
            String literal = statistics.sampleLiteral(access.table(), name);
            if (!literal.isEmpty()) {
                return Optional.of(literal);
            }
        }
        return Optional.empty();
    }

    /** Adds {@code IGNORE INDEX (index)} to every reference to the table. */
    static void ignoreIndex(Statement statement, String table, String quotedIndex) {
        new ParameterFiller(null, null).hint(statement, table, quotedIndex);
    }

    private void hint(Statement statement, String table, String quotedIndex) {
        java.util.function.Consumer<FromItem> onTable = item -> {
            if (item instanceof Table t && unquote(t.getName()).equalsIgnoreCase(table)) {
                t.setHint(new net.sf.jsqlparser.expression.MySQLIndexHint("IGNORE", "INDEX",
                        java.util.List.of(quotedIndex)));
            }
        };
        if (statement instanceof PlainSelect plain) {
            onTable.accept(plain.getFromItem());
            if (plain.getJoins() != null) {
                plain.getJoins().forEach(j -> onTable.accept(j.getRightItem()));
            }
        } else if (statement instanceof Update update) {
            onTable.accept(update.getTable());
        } else if (statement instanceof Delete delete) {
            onTable.accept(delete.getTable());
        } else if (statement instanceof SetOperationList set) {
            set.getSelects().forEach(s -> hint(s, table, quotedIndex));
        }
    }

    static String unquote(String name) {
        if (name != null && name.length() >= 2 && (name.charAt(0) == '`' || name.charAt(0) == '"')) {
            String q = String.valueOf(name.charAt(0));
            return name.substring(1, name.length() - 1).replace(q + q, q);
        }
        return name == null ? "" : name;
    }
}
