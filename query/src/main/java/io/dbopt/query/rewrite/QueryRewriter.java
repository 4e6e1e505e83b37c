package io.dbopt.query.rewrite;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.query.sql.SqlAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import java.util.function.Supplier;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Rewrites SELECT statements with JSqlParser-based rules, each reported with the statement before and after and
 * the reason. A rewrite is applied automatically only when it preserves results (checked against the table's
 * metadata where that matters: NOT NULL columns for NOT IN, integer columns for moved arithmetic); the others are
 * returned as advice. See {@link RewriteRule} for the rules.
 *
 * <pre>{@code
 * QueryRewriter rewriter = QueryRewriter.create(dataSource);
 * RewriteResult r = rewriter.rewrite("SELECT * FROM orders WHERE status = 'a' OR status = 'b'");
 * r.sql();     // SELECT id, status, ... FROM orders WHERE status IN ('a', 'b')
 * r.advice();  // what it would not change on its own
 * }</pre>
 *
 * <p>The outer SELECT gets every rule; the AND-ed WHERE conditions of nested SELECTs (subqueries in WHERE and FROM,
 * the branches of UNION / INTERSECT / EXCEPT) get the condition rules, each rewrite reported on the whole statement.
 * Other statements come back unchanged. Metadata is read once per table and cached for the rewriter's lifetime: create a new
 * rewriter after schema changes. Thread-safe.
 */
public final class QueryRewriter {

    private final Dialect dialect;
    private final SchemaMetadata metadata;
    private final SqlAnalyzer analyzer;
    private final int longInList;

    private QueryRewriter(Dialect dialect, DataSource dataSource, int longInList) {
        this.dialect = dialect;
        this.metadata = new SchemaMetadata(dataSource, dialect);
        this.analyzer = SqlAnalyzer.forDialect(dialect);
        this.longInList = longInList;
    }

    /** A rewriter reading table metadata from the database; detects the server with one connection. */
    public static QueryRewriter create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** A rewriter without metadata: rules that need it (SELECT *, NOT NULL checks) only give advice or skip. */
    public static QueryRewriter forDialect(Dialect dialect) {
        return builder().dialect(dialect).build();
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Rewrites one statement. Statements JSqlParser cannot read, and statements other than SELECT, come back
     * unchanged with no rewrite.
     *
     * @throws DbOptException with {@link QueryErrorCode#INVALID_STATEMENT} for a blank statement
     */
    public RewriteResult rewrite(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new DbOptException(QueryErrorCode.INVALID_STATEMENT, "No statement to rewrite: pass the SQL text");
        }
        Optional<Statement> parsed = analyzer.parse(sql);
        if (parsed.isPresent() && parsed.get() instanceof SetOperationList union) {
            List<Rewrite> applied = new ArrayList<>();
            List<Rewrite> advice = new ArrayList<>();
            for (Select branch : union.getSelects()) {
                nested(branch, union::toString, applied, advice);
            }
            return new RewriteResult(sql, applied.isEmpty() ? sql : union.toString(), applied, advice);
        }
        if (parsed.isEmpty() || !(parsed.get() instanceof PlainSelect select)) {
            return new RewriteResult(sql, sql, List.of(), List.of());
        }
        List<Rewrite> applied = new ArrayList<>();
        List<Rewrite> advice = new ArrayList<>();

        String before = select.toString();
        Optional<PlainSelect> exists = SelectRules.countToExists(select);
        if (exists.isPresent()) {
            select = exists.get();
            applied.add(new Rewrite(RewriteRule.COUNT_TO_EXISTS, before, select.toString(), "Counting every "
                    + "matching row to compare with zero reads them all; EXISTS stops at the first", true, List.of()));
        }
        SelectContext ctx = new SelectContext(select, dialect, metadata);
        before = select.toString();
        if (SelectRules.expandStar(ctx)) {
            applied.add(new Rewrite(RewriteRule.SELECT_STAR, before, select.toString(), "SELECT * reads every "
                    + "column (wider rows, no index-only scans) and changes meaning when columns are added", true,
                    List.of()));
        } else if (before.contains("*") && select.getSelectItems().stream()
                .anyMatch(i -> i.getExpression() instanceof net.sf.jsqlparser.statement.select.AllColumns)) {
            advice.add(new Rewrite(RewriteRule.SELECT_STAR, before, before, "SELECT * reads every column; list "
                    + "the columns the code uses", false, List.of()));
        }
        PlainSelect outer = select;
        conditions(ctx, outer::toString, applied, advice);
        for (Select inner : subqueries(outer)) {
            nested(inner, outer::toString, applied, advice);
        }
        String paged = select.toString();
        Optional<String> keyset = SelectRules.keyset(select);
        if (keyset.isPresent()) {
            advice.add(new Rewrite(RewriteRule.OFFSET_TO_KEYSET, paged, keyset.get(), "OFFSET n reads and discards "
                    + "n rows on every page; seek past the last key of the previous page instead (same rows only "
                    + "when ORDER BY is unique)", false, List.of()));
        }
        String result = applied.isEmpty() ? sql : select.toString();
        return new RewriteResult(sql, result, applied, advice);
    }

    /** The condition rules on a nested SELECT and, depth first, on the SELECTs nested in it. */
    private void nested(Select select, Supplier<String> whole, List<Rewrite> applied, List<Rewrite> advice) {
        if (select instanceof ParenthesedSelect p) {
            nested(p.getSelect(), whole, applied, advice);
        } else if (select instanceof SetOperationList union) {
            union.getSelects().forEach(branch -> nested(branch, whole, applied, advice));
        } else if (select instanceof PlainSelect plain) {
            conditions(new SelectContext(plain, dialect, metadata), whole, applied, advice);
            subqueries(plain).forEach(inner -> nested(inner, whole, applied, advice));
        }
    }

    /** The SELECTs directly nested in a SELECT's FROM, joins and WHERE. */
    private static List<Select> subqueries(PlainSelect select) {
        List<Select> out = new ArrayList<>();
        fromItem(select.getFromItem(), out);
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                fromItem(join.getFromItem(), out);
            }
        }
        expression(select.getWhere(), out);
        return out;
    }

    private static void fromItem(FromItem item, List<Select> out) {
        if (item instanceof ParenthesedSelect p) {
            out.add(p);
        }
    }

    private static void expression(Expression e, List<Select> out) {
        if (e instanceof Select s) {
            out.add(s);
        } else if (e instanceof BinaryExpression b) {
            expression(b.getLeftExpression(), out);
            expression(b.getRightExpression(), out);
        } else if (e instanceof InExpression in) {
            expression(in.getLeftExpression(), out);
            expression(in.getRightExpression(), out);
        } else if (e instanceof ExistsExpression exists) {
            expression(exists.getRightExpression(), out);
        } else if (e instanceof NotExpression not) {
            expression(not.getExpression(), out);
        } else if (e instanceof ParenthesedExpressionList<?> list) {
            list.forEach(x -> expression(x, out));
        }
    }

    private void conditions(SelectContext ctx, Supplier<String> whole, List<Rewrite> applied, List<Rewrite> advice) {
        List<Expression> parts = SelectContext.conjuncts(ctx.select.getWhere());
        for (int i = 0; i < parts.size(); i++) {
            List<Candidate> found = new ArrayList<>(PredicateRules.candidates(parts.get(i), ctx, longInList));
            found.addAll(IndexRules.candidates(parts.get(i), ctx));
            for (Candidate c : found) {
                String before = whole.get();
                if (c.replacement() == null) {
                    advice.add(new Rewrite(c.rule(), before, before, c.reason(), false, c.ddl()));
                    continue;
                }
                List<Expression> changed = new ArrayList<>(parts);
                changed.set(i, c.replacement());
                ctx.select.setWhere(SelectContext.and(changed));
                String after = whole.get();
                if (c.automatic()) {
                    parts = changed;
                    applied.add(new Rewrite(c.rule(), before, after, c.reason(), true, c.ddl()));
                    break; // the condition changed: later candidates were computed for the old one
                }
                ctx.select.setWhere(SelectContext.and(parts));
                advice.add(new Rewrite(c.rule(), before, after, c.reason(), false, c.ddl()));
            }
        }
    }

    static Statement parseSelect(String sql) {
        return SqlAnalyzer.postgres().parse(sql).orElseThrow(() -> new IllegalStateException(
                "The rewriter built a statement JSqlParser cannot read back: " + sql));
    }

    /** Configures a {@link QueryRewriter}. Not thread-safe. */
    public static final class Builder {
        private DataSource dataSource;
        private Dialect dialect;
        private int longInList = 10;

        private Builder() {
        }

        /** Where to read table metadata; a {@link ProfiledDataSource} is unwrapped. */
        public Builder dataSource(DataSource value) {
            Objects.requireNonNull(value, "dataSource");
            this.dataSource = value instanceof ProfiledDataSource p ? p.delegate() : value;
            return this;
        }

        /** The server's dialect, when known, to skip detection (required without a data source). */
        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /** IN lists of this many values or more get the {@code = ANY(?)} advice on PostgreSQL; default 10. */
        public Builder longInList(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("longInList must be at least 2, was " + value);
            }
            this.longInList = value;
            return this;
        }

        /**
         * Builds the rewriter.
         *
         * @throws IllegalStateException when neither a data source nor a dialect was given
         */
        public QueryRewriter build() {
            if (dataSource == null && dialect == null) {
                throw new IllegalStateException("QueryRewriter needs a dataSource(...) or a dialect(...)");
            }
            Dialect d = dialect != null ? dialect : DatabaseInfo.detect(dataSource).dialect();
            return new QueryRewriter(d, dataSource, longInList);
        }
    }
}
