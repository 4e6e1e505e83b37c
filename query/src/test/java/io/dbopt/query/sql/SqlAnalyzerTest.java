package io.dbopt.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SqlAnalyzerTest {

    private final SqlAnalyzer pg = SqlAnalyzer.postgres();
    private final SqlAnalyzer maria = SqlAnalyzer.mariaDb();

    @Test
    void fingerprintIsStableAcrossLiteralsAndWhiteSpace() {
        String a = pg.analyze("SELECT * FROM orders WHERE id = 42 AND name = 'bob'").fingerprint();
        String b = pg.analyze("select *\n  from orders where id=7 and name='it''s'  -- comment").fingerprint();
        String c = pg.analyze("SELECT * FROM orders WHERE id = ? AND name = ?").fingerprint();
        assertThat(a).isEqualTo(b).isEqualTo(c).isEqualTo("select * from orders where id = ? and name = ?");
    }

    @Test
    void collapsesInListsArraysAndValuesTuples() {
        assertThat(pg.fingerprint("SELECT a FROM t WHERE id IN (1, 2, 3) AND b = ANY(ARRAY[1,2])"))
                .isEqualTo(pg.fingerprint("select a from t where id in (?) and b = any(array[?])"));
        assertThat(pg.analyze("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')").fingerprint())
                .isEqualTo("insert into t (a, b) values (?, ?)");
        assertThat(pg.fingerprint("SELECT a FROM t WHERE x = -1")).isEqualTo(pg.fingerprint("SELECT a FROM t WHERE x = 5"));
        assertThat(pg.fingerprint("SELECT a - 1 FROM t")).isEqualTo("select a - ? from t");
    }

    @Test
    void handlesDialectSpecificLiterals() {
        assertThat(pg.fingerprint("SELECT $$it's$$, E'a\\'b', $1::int FROM t WHERE j @> '{}'::jsonb"))
                .isEqualTo("select ?, ?, ?::int from t where j @> ?::jsonb");
        assertThat(maria.fingerprint("SELECT `a` FROM t WHERE s = 'x\\'y' AND d = \"q\" # comment"))
                .isEqualTo("select `a` from t where s = ? and d = ?");
        assertThat(pg.fingerprint("SELECT \"Mixed\" FROM t /* a /* nested */ comment */ WHERE a=?"))
                .isEqualTo("select \"Mixed\" from t where a = ?");
    }

    @Test
    void readsKindsAndTables() {
        SqlFacts select = pg.analyze("SELECT o.id FROM public.orders o JOIN \"Clients\" c ON c.id = o.client_id");
        assertThat(select.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(select.tables()).containsExactlyInAnyOrder("orders", "clients");
        assertThat(select.isWrite()).isFalse();
        assertThat(select.parsed()).isTrue();

        SqlFacts update = maria.analyze("UPDATE `tasks` SET status_id = ? WHERE id = ?");
        assertThat(update.kind()).isEqualTo(StatementKind.UPDATE);
        assertThat(update.tablesWritten()).containsExactly("tasks");

        SqlFacts insertSelect = pg.analyze("INSERT INTO archive (id) SELECT id FROM orders WHERE id < 10");
        assertThat(insertSelect.tablesWritten()).containsExactly("archive");
        assertThat(insertSelect.tables()).contains("archive", "orders");
    }

    @Test
    void fallsBackToTokensForWhatTheParserRejects() {
        SqlFacts cte = pg.analyze("WITH d AS (DELETE FROM a WHERE x = 1 RETURNING *) SELECT * FROM d");
        assertThat(cte.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(cte.isWrite()).isTrue();
        assertThat(cte.tablesWritten()).contains("a");
        SqlFacts multi = maria.analyze("SELECT 1; DELETE FROM audit WHERE id = 3");
        assertThat(multi.parsed()).isFalse();
        assertThat(multi.tablesWritten()).contains("audit");
        SqlFacts garbage = pg.analyze("this is not sql at all ((");
        assertThat(garbage.kind()).isEqualTo(StatementKind.OTHER);
        assertThat(garbage.isWrite()).isFalse();
    }

    @Test
    void tellsBoundFromConcatenatedValues() {
        assertThat(pg.analyze("SELECT * FROM t WHERE id = ? AND done = false AND d <= current_date + 7 LIMIT 10")
                .bound()).isTrue();
        assertThat(pg.analyze("SELECT count(*) > 0 FROM t WHERE a = ?").bound()).isTrue();
        assertThat(pg.analyze("SELECT * FROM t WHERE id = 42").bound()).isFalse();
        assertThat(pg.analyze("SELECT * FROM t WHERE name = 'bob'").bound()).isFalse();
        assertThat(pg.analyze("SELECT * FROM t WHERE id IN (1, 2)").bound()).isFalse();
        assertThat(pg.analyze("INSERT INTO t VALUES (?, ?), (?, 3)").bound()).isFalse();
        assertThat(pg.analyze("SELECT * FROM t WHERE ts > now() - interval '1 day'").bound()).isTrue();
    }

    @Test
    void detectsLeadingWildcardLike() {
        assertThat(pg.analyze("SELECT * FROM t WHERE name LIKE '%bob'").leadingWildcardLike()).isTrue();
        assertThat(pg.analyze("SELECT * FROM t WHERE name ILIKE '_ob%'").leadingWildcardLike()).isTrue();
        assertThat(maria.analyze("SELECT * FROM t WHERE name LIKE CONCAT('%', ?)").leadingWildcardLike()).isTrue();
        assertThat(pg.analyze("SELECT * FROM t WHERE name LIKE 'bob%'").leadingWildcardLike()).isFalse();
    }

    @Test
    void tableKeysDropSchemaAndQuotes() {
        assertThat(SqlFacts.tableKey("public.\"Orders\"")).isEqualTo("orders");
        assertThat(SqlFacts.tableKey("`db`.`my.table`")).isEqualTo("my.table");
        assertThat(SqlFacts.tableKey("Tasks")).isEqualTo("tasks");
    }

    @Test
    void numbersJdbcParametersForPostgres() {
        SqlAnalyzer.NumberedParameters n = pg.numberParameters(
                "SELECT '?', a FROM t WHERE b = ? AND c ?? 'k' AND d IN (?, ?) -- ?");
        assertThat(n.sql()).isEqualTo("SELECT '?', a FROM t WHERE b = $1 AND c ?? 'k' AND d IN ($2, $3) -- ?");
        assertThat(n.parameters()).isEqualTo(3);
        assertThat(pg.numberParameters("SELECT * FROM t WHERE a = $2").parameters()).isEqualTo(2);
    }

    @Test
    void findsTheColumnsAConditionComparesWithValues() {
        assertThat(pg.comparedColumns("((project_id = ?) AND ((status)::text = ?::text) AND (created_at > ?))"))
                .containsExactly("project_id", "status", "created_at");
        assertThat(maria.comparedColumns("t.a = 5 and t.b like 'x%' and t.c = u.c")).containsExactly("a", "b");
        assertThat(pg.comparedColumns("(lower((name)::text) = ?::text)")).isEmpty();
        assertThat(pg.comparedColumns("(? < due_date)")).containsExactly("due_date");
    }

    @Test
    void readsTheOffsetFromALiteralOrItsParameter() {
        assertThat(pg.offset("SELECT a FROM t ORDER BY a LIMIT ? OFFSET ?", java.util.List.of(10, 5000)))
                .hasValue(5000);
        assertThat(pg.offset("SELECT a FROM t LIMIT 10 OFFSET 200", java.util.List.of())).hasValue(200);
        assertThat(maria.offset("SELECT a FROM t WHERE b = ? LIMIT ?, 20", java.util.List.of("x", 300)))
                .hasValue(300);
        assertThat(pg.offset("SELECT a FROM t LIMIT 10", java.util.List.of())).isEmpty();
    }

    @Test
    void theKindFromTokensAloneIsTheKindTheFullAnalysisGives() {
        java.util.List<String> statements = java.util.List.of("SELECT * FROM orders WHERE id = 42",
                "  -- a comment first\n select 1", "/* c */ WITH d AS (DELETE FROM a RETURNING *) SELECT * FROM d",
                "INSERT INTO t (a) VALUES (1)", "UPDATE `tasks` SET s = ? WHERE id = ?", "DELETE FROM t WHERE a = $1",
                "CREATE INDEX i ON t (a)", "ALTER TABLE t ADD COLUMN b int", "CALL p(1)", "SET search_path = x",
                "SELECT 1; DELETE FROM audit", "(SELECT a FROM t) UNION (SELECT b FROM u)", "this is not sql ((",
                "EXPLAIN SELECT 1", "VALUES (1), (2)", "");
        for (String sql : statements) {
            assertThat(pg.kind(sql)).as(sql).isEqualTo(pg.analyze(sql).kind());
            assertThat(maria.kind(sql)).as(sql).isEqualTo(maria.analyze(sql).kind());
        }
        assertThat(pg.kind("select * from orders")).isEqualTo(StatementKind.SELECT);
        assertThat(maria.kind("UPDATE t SET a = 1")).isEqualTo(StatementKind.UPDATE);
    }
}
