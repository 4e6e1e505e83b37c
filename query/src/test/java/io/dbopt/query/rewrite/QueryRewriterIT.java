package io.dbopt.query.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** Every automatic rewrite returns the same rows as the original on real data, NULLs included. */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryRewriterIT {

    private static final Set<TestDialect> POPULATED = EnumSet.noneOf(TestDialect.class);

    private QueryRewriter rewriter;
    private TestDatabase db;

    @BeforeEach
    void populate(TestDatabase database) {
        db = database;
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        if (POPULATED.add(db.testDialect())) {
            db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, status varchar(20) "
                            + "NOT NULL, note varchar(50), created_at " + (pg ? "timestamp" : "datetime")
                            + " NOT NULL, qty int NOT NULL, nick varchar(20))",
                    "CREATE INDEX orders_created_idx ON orders (created_at)",
                    "CREATE INDEX orders_qty_idx ON orders (qty)",
                    "CREATE INDEX orders_nick_idx ON orders (nick)",
                    "CREATE TABLE blocked (customer_id int NOT NULL, maybe_id int)",
                    "INSERT INTO blocked VALUES (1, 1), (2, NULL), (3, 3)");
            String n = pg ? "n" : "seq";
            String source = pg ? " FROM generate_series(1, 200) n" : " FROM seq_1_to_200";
            db.execute("INSERT INTO orders SELECT " + n + ", " + n + " % 20, CASE " + n + " % 4 WHEN 0 THEN 'new' "
                    + "WHEN 1 THEN 'paid' WHEN 2 THEN 'shipped' ELSE 'cancelled' END, CASE WHEN " + n + " % 3 = 0 "
                    + "THEN NULL ELSE " + (pg ? "'note ' || n" : "CONCAT('note ', seq)") + " END, "
                    + (pg ? "TIMESTAMP '2024-01-01 00:00' + n * INTERVAL '1 hour'"
                    : "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq HOUR") + ", " + n + " % 7, CASE WHEN " + n
                    + " % 5 = 0 THEN NULL ELSE " + (pg ? "'Nick' || n" : "CONCAT('Nick', seq)") + " END" + source);
        }
        rewriter = QueryRewriter.create(db.dataSource());
    }

    private List<String> rows(String sql, Object... params) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Long[] ids) {
                    Array array = c.createArrayOf("bigint", ids);
                    ps.setArray(i + 1, array);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int col = 1; col <= md.getColumnCount(); col++) {
                        row.append(normalise(rs.getObject(col))).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    private static String normalise(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** Rewrites, checks the rule applied, and compares the rows of both forms. */
    private RewriteResult assertSameRows(RewriteRule rule, String sql, Object... params) throws Exception {
        RewriteResult r = rewriter.rewrite(sql);
        assertThat(r.applied()).extracting(Rewrite::rule).contains(rule);
        assertThat(r.sql()).isNotEqualTo(sql);
        List<String> before = rows(sql, params);
        List<String> after = rows(r.sql(), params);
        before.sort(Comparator.naturalOrder());
        after.sort(Comparator.naturalOrder());
        assertThat(before).isNotEmpty();
        assertThat(after).isEqualTo(before);
        return r;
    }

    @DialectTest
    void orChainsBecomeInLists() throws Exception {
        RewriteResult r = assertSameRows(RewriteRule.OR_TO_IN, "SELECT id FROM orders WHERE status = 'new' OR "
                + "status = 'paid'");
        assertThat(r.sql()).contains("status IN ('new', 'paid')");
        assertSameRows(RewriteRule.OR_TO_IN, "SELECT id FROM orders WHERE (status = ? OR status = ?) AND qty > ?",
                "new", "shipped", 2);
    }

    @DialectTest
    void nestedSelectsGetTheConditionRulesToo() throws Exception {
        RewriteResult inWhere = assertSameRows(RewriteRule.OR_TO_IN, "SELECT id FROM orders WHERE customer_id IN "
                + "(SELECT customer_id FROM blocked WHERE maybe_id = 1 OR maybe_id = 3)");
        assertThat(inWhere.sql()).contains("maybe_id IN (1, 3)");
        assertThat(inWhere.applied()).singleElement().satisfies(w -> {
            assertThat(w.before()).startsWith("SELECT id FROM orders WHERE customer_id IN");
            assertThat(w.after()).isEqualTo(inWhere.sql());
        });

        RewriteResult inFrom = assertSameRows(RewriteRule.OR_TO_IN, "SELECT t.id FROM (SELECT id, status FROM orders "
                + "WHERE status = 'new' OR status = 'paid') t WHERE t.id > 10");
        assertThat(inFrom.sql()).contains("status IN ('new', 'paid')");

        RewriteResult union = assertSameRows(RewriteRule.OR_TO_IN, "SELECT id FROM orders WHERE status = 'new' OR "
                + "status = 'paid' UNION SELECT customer_id FROM blocked WHERE maybe_id = 1 OR maybe_id = 3");
        assertThat(union.applied()).hasSize(2);

        RewriteResult correlated = assertSameRows(RewriteRule.SARGABLE_RANGE, "SELECT b.customer_id FROM blocked b "
                + "WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = b.customer_id AND o.qty - 2 = ?)", 3);
        assertThat(correlated.sql()).contains("EXISTS").doesNotContain("qty - 2");
    }

    @DialectTest
    void selectStarBecomesTheColumns() throws Exception {
        RewriteResult r = assertSameRows(RewriteRule.SELECT_STAR, "SELECT * FROM orders WHERE qty = 3");
        assertThat(r.sql()).startsWith("SELECT id, customer_id, status, note, created_at, qty, nick FROM");
        assertSameRows(RewriteRule.SELECT_STAR, "SELECT * FROM orders o JOIN blocked b ON b.customer_id = "
                + "o.customer_id");
    }

    @DialectTest
    void notInBecomesNotExistsOnlyWhenNullSafe() throws Exception {
        assertSameRows(RewriteRule.NOT_IN_TO_NOT_EXISTS,
                "SELECT id FROM orders o WHERE customer_id NOT IN (SELECT customer_id FROM blocked)");

        String nullable = "SELECT id FROM orders o WHERE customer_id NOT IN (SELECT maybe_id FROM blocked)";
        RewriteResult r = rewriter.rewrite(nullable);
        assertThat(r.applied()).isEmpty();
        Rewrite advice = r.advice().stream().filter(a -> a.rule() == RewriteRule.NOT_IN_TO_NOT_EXISTS).findFirst()
                .orElseThrow();
        assertThat(advice.reason()).contains("NULL");
        // why it is only advice: the NULL in blocked.maybe_id makes NOT IN return nothing, NOT EXISTS does not
        assertThat(rows(nullable)).isEmpty();
        assertThat(rows(advice.after())).isNotEmpty();
    }

    @DialectTest
    void countComparedWithZeroBecomesExists() throws Exception {
        assertSameRows(RewriteRule.COUNT_TO_EXISTS, "SELECT id FROM orders o WHERE (SELECT count(*) FROM blocked b "
                + "WHERE b.customer_id = o.customer_id) > 0");
        assertSameRows(RewriteRule.COUNT_TO_EXISTS, "SELECT id FROM orders o WHERE (SELECT count(*) FROM blocked b "
                + "WHERE b.customer_id = o.customer_id) = 0 AND qty = 2");
        RewriteResult r = assertSameRows(RewriteRule.COUNT_TO_EXISTS, "SELECT count(*) > 0 FROM orders WHERE "
                + "status = ?", "paid");
        assertThat(r.sql()).startsWith("SELECT EXISTS (SELECT 1 FROM orders");
    }

    @DialectTest
    void functionsAndArithmeticOnIndexedColumnsBecomeRanges() throws Exception {
        RewriteResult date = assertSameRows(RewriteRule.SARGABLE_RANGE,
                "SELECT id FROM orders WHERE date(created_at) = '2024-01-02'");
        assertThat(date.sql()).contains("created_at >= CAST('2024-01-02' AS").contains("created_at <");
        RewriteResult arithmetic = assertSameRows(RewriteRule.SARGABLE_RANGE,
                "SELECT id FROM orders WHERE qty + 1 = 4");
        assertThat(arithmetic.sql()).contains("qty = 3");
        assertSameRows(RewriteRule.SARGABLE_RANGE, "SELECT id FROM orders WHERE qty - 2 = ?", 3);
        assertThat(rewriter.rewrite("SELECT id FROM orders WHERE date(created_at) = ?").advice())
                .extracting(Rewrite::rule).contains(RewriteRule.SARGABLE_RANGE);
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void longInListsAreAdvisedAsAnyArrayWithTheSameRows() throws Exception {
        String sql = "SELECT id FROM orders WHERE id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Object[] ids = {1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L, 55L, 89L, 144L, 199L};
        RewriteResult r = rewriter.rewrite(sql);
        assertThat(r.applied()).isEmpty();
        Rewrite any = r.advice().stream().filter(a -> a.rule() == RewriteRule.IN_LIST_TO_ANY).findFirst()
                .orElseThrow();
        assertThat(any.after()).contains("id = ANY(?)");
        Long[] array = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            array[i] = (Long) ids[i];
        }
        List<String> expected = rows(sql, ids);
        List<String> actual = rows(any.after(), (Object) array);
        expected.sort(Comparator.naturalOrder());
        actual.sort(Comparator.naturalOrder());
        assertThat(actual).hasSize(12).isEqualTo(expected);
    }

    @DialectTest
    void offsetPaginationIsAdvisedAsKeysetWithTheSameRows() throws Exception {
        String sql = "SELECT id, status FROM orders ORDER BY id LIMIT 10 OFFSET 20";
        Rewrite keyset = rewriter.rewrite(sql).advice().stream()
                .filter(a -> a.rule() == RewriteRule.OFFSET_TO_KEYSET).findFirst().orElseThrow();
        assertThat(keyset.after()).contains("WHERE id > ?").doesNotContain("OFFSET");
        long lastKeyOfPreviousPage = 20;
        assertThat(rows(keyset.after(), lastKeyOfPreviousPage)).isEqualTo(rows(sql));
    }

    @DialectTest
    void givesIndexAdviceItCannotApply(TestDialect dialect) throws Exception {
        RewriteResult lower = rewriter.rewrite("SELECT id FROM orders WHERE lower(nick) = ?");
        assertThat(lower.applied()).isEmpty();
        assertThat(lower.advice()).extracting(Rewrite::rule).contains(RewriteRule.EXPRESSION_INDEX);

        RewriteResult like = rewriter.rewrite("SELECT id FROM orders WHERE note LIKE '%7'");
        Rewrite trigram = like.advice().stream().filter(a -> a.rule() == RewriteRule.TRIGRAM_INDEX).findFirst()
                .orElseThrow();
        if (dialect == TestDialect.POSTGRESQL) {
            assertThat(trigram.ddl()).contains("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            assertThat(lower.advice().get(0).ddl()).singleElement().asString().contains("(lower(nick))");
            db.execute(lower.advice().get(0).ddl().get(0)); // the advice is valid SQL
            db.execute("DROP INDEX orders_lower_nick_idx");
        }

        String cast = dialect == TestDialect.POSTGRESQL ? "SELECT id FROM orders WHERE qty = 3.0"
                : "SELECT id FROM orders WHERE nick = 5";
        assertThat(rewriter.rewrite(cast).advice()).extracting(Rewrite::rule).contains(RewriteRule.IMPLICIT_CAST);
    }

    @DialectTest
    void leavesWhatItCannotReadUnchanged() {
        RewriteResult r = rewriter.rewrite("UPDATE orders SET qty = 1 WHERE id = 1");
        assertThat(r.changed()).isFalse();
        assertThat(r.sql()).isEqualTo("UPDATE orders SET qty = 1 WHERE id = 1");
        assertThat(rewriter.rewrite("this is not SQL").all()).isEmpty();
    }

    @DialectTest
    void turnsRewritesIntoFindings() {
        RewriteResult r = rewriter.rewrite("SELECT id FROM orders WHERE status = 'a' OR status = 'b'");
        assertThat(r.findings("select id from orders where status = ? or status = ?")).singleElement()
                .satisfies(f -> assertThat(f.check().value()).isEqualTo("query.rewrite-or-to-in"));
    }
}
