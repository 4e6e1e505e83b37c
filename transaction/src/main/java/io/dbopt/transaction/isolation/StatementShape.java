package io.dbopt.transaction.isolation;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * What the isolation advisor needs to know about one statement, parsed with JSqlParser: whether it reads (and
 * whether it locks what it reads, or only checks with an aggregate or EXISTS), inserts, updates (and whether every
 * assignment is absolute, {@code SET c = ?}, rather than relative, {@code SET c = c + ?}) or deletes, and which
 * tables it touches (lower case, unquoted, without schema).
 *
 * @param kind what the statement does
 * @param tables the tables it reads or writes
 * @param locking for reads: whether rows are locked ({@code FOR UPDATE}, {@code FOR SHARE}, {@code LOCK IN SHARE MODE})
 * @param check for reads: whether it only checks a condition (an aggregate or EXISTS)
 * @param absoluteAssignment for updates: whether some column is set to a value that does not read that column
 */
public record StatementShape(Kind kind, Set<String> tables, boolean locking, boolean check,
                             boolean absoluteAssignment) {

    /** A statement the analysis cannot read (too long, unparsable, not DML). */
    public static final StatementShape OTHER = new StatementShape(Kind.OTHER, Set.of(), false, false, false);
    static final int MAX_SQL_LENGTH = 20_000;

    private static final Pattern SHARE_MODE = Pattern.compile("(?is)\\s+LOCK\\s+IN\\s+SHARE\\s+MODE\\s*;?\\s*$");
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "min", "max", "avg", "bool_and",
            "bool_or", "every", "exists", "array_agg", "string_agg", "group_concat");

    /** Copies the tables. */
    public StatementShape {
        tables = Set.copyOf(tables);
    }

    /** What a statement does. */
    public enum Kind {
        SELECT, INSERT, UPDATE, DELETE, OTHER
    }

    /** Whether it changes rows. */
    public boolean writes() {
        return kind == Kind.INSERT || kind == Kind.UPDATE || kind == Kind.DELETE;
    }

    /** The shape of {@code sql}; {@link #OTHER} when it cannot be read. */
    public static StatementShape of(String sql) {
        if (sql == null || sql.length() > MAX_SQL_LENGTH) {
            return OTHER;
        }
        String text = sql.strip();
        boolean shareMode = false;
        java.util.regex.Matcher m = SHARE_MODE.matcher(text);
        if (m.find()) {
            text = text.substring(0, m.start());
            shareMode = true;
        }
        Statement statement;
        try {
            statement = CCJSqlParserUtil.newParser(text).Statement();
        } catch (Exception | StackOverflowError e) {
            return OTHER; // not something the advisor understands: it makes no claim about it
        }
        if (statement instanceof PlainSelect select) {
            return new StatementShape(Kind.SELECT, tables(statement), shareMode || select.getForMode() != null,
                    isCheck(select), false);
        }
        if (statement instanceof Insert insert) {
            return new StatementShape(Kind.INSERT, Set.of(name(insert.getTable())), false, false, false);
        }
        if (statement instanceof Update update) {
            return new StatementShape(Kind.UPDATE, Set.of(name(update.getTable())), false, false,
                    hasAbsoluteAssignment(update));
        }
        if (statement instanceof Delete delete) {
            return new StatementShape(Kind.DELETE, Set.of(name(delete.getTable())), false, false, false);
        }
        return OTHER;
    }

    private static Set<String> tables(Statement statement) {
        Set<String> names = new TreeSet<>();
        try {
            for (String t : new TablesNamesFinder<Void>().getTables(statement)) {
                names.add(normalise(t));
            }
        } catch (UnsupportedOperationException e) {
            return Set.of(); // a construct the finder does not visit
        }
        return names;
    }

    static String name(Table table) {
        return table == null ? "" : normalise(table.getName());
    }

    private static String normalise(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (last.length() >= 2 && (last.charAt(0) == '"' || last.charAt(0) == '`')) {
            return last.substring(1, last.length() - 1);
        }
        return last.toLowerCase(Locale.ROOT);
    }

    private static boolean isCheck(PlainSelect select) {
        boolean[] found = {false};
        ExpressionVisitorAdapter<Void> visitor = new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(Function function, S context) {
                if (function.getName() != null && AGGREGATES.contains(function.getName().toLowerCase(Locale.ROOT))) {
                    found[0] = true;
                }
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(ExistsExpression exists, S context) {
                found[0] = true;
                return null;
            }
        };
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getExpression() != null) {
                item.getExpression().accept(visitor, null);
            }
        }
        return found[0];
    }

    /**
     * Whether some {@code SET column = expression} does not read the column it sets, unless the WHERE clause checks
     * an assigned column (compare-and-set, optimistic locking with a version column), which makes it safe.
     */
    private static boolean hasAbsoluteAssignment(Update update) {
        for (UpdateSet set : update.getUpdateSets()) {
            for (Column column : set.getColumns()) {
                if (update.getWhere() != null && reads(update.getWhere(), column.getColumnName())) {
                    return false;
                }
            }
        }
        for (UpdateSet set : update.getUpdateSets()) {
            for (int i = 0; i < set.getColumns().size(); i++) {
                Column column = set.getColumns().get(i);
                Expression value = i < set.getValues().size() ? set.getValues().get(i) : null;
                if (value != null && !reads(value, column.getColumnName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean reads(Expression expression, String columnName) {
        boolean[] found = {false};
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                if (normalise(column.getColumnName()).equals(normalise(columnName))) {
                    found[0] = true;
                }
                return null;
            }
        }, null);
        return found[0];
    }
}
