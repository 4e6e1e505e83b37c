package io.dbopt.query.rewrite;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * One SELECT being rewritten: its tables by alias, their metadata, and helpers shared by the rules. Not
 * thread-safe; one per {@link QueryRewriter#rewrite(String)} call.
 */
final class SelectContext {

    final PlainSelect select;
    final Dialect dialect;
    final boolean postgres;
    private final SchemaMetadata metadata;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final boolean onlyTables;

    SelectContext(PlainSelect select, Dialect dialect, SchemaMetadata metadata) {
        this.select = select;
        this.dialect = dialect;
        this.postgres = dialect instanceof PostgresDialect;
        this.metadata = metadata;
        boolean plain = select.getFromItem() instanceof Table;
        if (select.getFromItem() instanceof Table t) {
            tables.put(key(t), t);
        }
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                if (join.getFromItem() instanceof Table t) {
                    tables.put(key(t), t);
                } else {
                    plain = false;
                }
            }
        }
        this.onlyTables = plain;
    }

    private static String key(Table t) {
        return (t.getAlias() != null ? t.getAlias().getName() : t.getName()).toLowerCase(Locale.ROOT);
    }

    /** Whether FROM holds tables only (no subqueries, functions or VALUES). */
    boolean onlyTables() {
        return onlyTables;
    }

    List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    boolean metadataAvailable() {
        return metadata.available();
    }

    Optional<TableMetadata> metadata(Table table) {
        return metadata.table(table.getName());
    }

    /** The table a column belongs to: by its qualifier, or the only table, or the only table having it. */
    Optional<Table> tableOf(Column column) {
        if (column.getTable() != null && column.getTable().getName() != null) {
            return Optional.ofNullable(tables.get(column.getTable().getName().toLowerCase(Locale.ROOT)));
        }
        if (tables.size() == 1) {
            return Optional.of(tables.values().iterator().next());
        }
        List<Table> having = tables.values().stream()
                .filter(t -> metadata(t).flatMap(m -> m.column(column.getColumnName())).isPresent()).toList();
        return having.size() == 1 ? Optional.of(having.get(0)) : Optional.empty();
    }

    Optional<TableMetadata.Column> columnInfo(Column column) {
        return tableOf(column).flatMap(this::metadata).flatMap(m -> m.column(column.getColumnName()));
    }

    /** Whether the column is the first column of an index; true when unknown and {@code unknownAs}. */
    boolean leadsIndex(Column column, boolean unknownAs) {
        Optional<TableMetadata> table = tableOf(column).flatMap(this::metadata);
        return table.map(m -> m.leadsIndex(column.getColumnName())).orElse(unknownAs);
    }

    /** The name a table is referred to by: its alias, or its name. */
    static String qualifier(Table table) {
        return table.getAlias() != null ? table.getAlias().getName() : table.getName();
    }

    // ---- expression helpers ------------------------------------------------------------------------------------

    /** Strips parentheses around a single expression. */
    static Expression unwrap(Expression e) {
        Expression current = e;
        while (current instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            current = list.get(0);
        }
        return current;
    }

    /** A literal or a bound parameter (possibly signed or cast), with no column in it. */
    static boolean isValue(Expression e) {
        Expression v = unwrap(e);
        if (v instanceof SignedExpression s) {
            v = s.getExpression();
        }
        if (v instanceof CastExpression c) {
            v = c.getLeftExpression();
        }
        return v instanceof JdbcParameter || v instanceof LongValue || v instanceof DoubleValue
                || v instanceof StringValue || v instanceof DateValue || v instanceof TimestampValue;
    }

    /** The AND-ed parts of a condition, parentheses around the whole removed. */
    static List<Expression> conjuncts(Expression where) {
        List<Expression> parts = new ArrayList<>();
        if (where != null) {
            collect(unwrap(where), parts);
        }
        return parts;
    }

    private static void collect(Expression e, List<Expression> parts) {
        if (e instanceof AndExpression and) {
            collect(unwrap(and.getLeftExpression()), parts);
            collect(unwrap(and.getRightExpression()), parts);
        } else {
            parts.add(e);
        }
    }

    /** AND-s parts back together, parenthesising those that bind looser than AND; null for none. */
    static Expression and(List<Expression> parts) {
        Expression result = null;
        for (Expression p : parts) {
            Expression safe = p instanceof OrExpression || p instanceof XorExpression
                    ? new ParenthesedExpressionList<>(p) : p;
            result = result == null ? safe : new AndExpression(result, safe);
        }
        return result;
    }
}
