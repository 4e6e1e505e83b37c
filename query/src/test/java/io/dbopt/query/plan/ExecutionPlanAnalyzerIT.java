package io.dbopt.query.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dbopt.core.DbOptException;
import io.dbopt.core.ErrorKind;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExecutionPlanAnalyzerIT {

    private static final Set<TestDialect> POPULATED = EnumSet.noneOf(TestDialect.class);
    private static final int ROWS = 20_000;

    private ExecutionPlanAnalyzer analyzer;

    @BeforeEach
    void populate(TestDatabase db) {
        if (POPULATED.add(db.testDialect())) {
            boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
            db.execute("CREATE TABLE tasks (id bigint PRIMARY KEY, project_id int NOT NULL, status_id int NOT NULL, "
                            + "bucket int NOT NULL, position int NOT NULL, a int NOT NULL, b int NOT NULL, "
                            + "title varchar(100) NOT NULL)",
                    "CREATE TABLE projects (id bigint PRIMARY KEY, name varchar(100))",
                    pg ? "INSERT INTO tasks SELECT n, n % 100, n % 6, n % 10, n % 1000, n % 100, n % 100, "
                            + "'task ' || n FROM generate_series(1, " + ROWS + ") n"
                            : "INSERT INTO tasks SELECT seq, seq % 100, seq % 6, seq % 10, seq % 1000, seq % 100, "
                            + "seq % 100, CONCAT('task ', seq) FROM seq_1_to_" + ROWS,
                    pg ? "INSERT INTO projects SELECT n, 'p' || n FROM generate_series(0, 99) n"
                            : "INSERT INTO projects SELECT seq, CONCAT('p', seq) FROM seq_0_to_99",
                    "CREATE INDEX tasks_bucket_idx ON tasks (bucket)",
                    pg ? "ANALYZE tasks" : "ANALYZE TABLE tasks",
                    pg ? "ANALYZE projects" : "ANALYZE TABLE projects");
        }
        analyzer = ExecutionPlanAnalyzer.create(db.dataSource());
    }

    private static List<InsightKind> kinds(ExecutionPlan plan) {
        return plan.insights().stream().map(PlanInsight::kind).toList();
    }

    @DialectTest
    void seqScanOfALargeTableKeepingFewRowsSuggestsAnIndexThatRemovesIt(TestDatabase db) {
        String sql = "SELECT id FROM tasks WHERE project_id = ? AND status_id = ?";
        ExecutionPlan before = analyzer.explain(sql, 42, 0);
        assertThat(before.analyzed()).isTrue();
        PlanInsight scan = before.insights().stream().filter(i -> i.kind() == InsightKind.SEQ_SCAN_FEW_ROWS)
                .findFirst().orElseThrow();
        assertThat(scan.relation()).isEqualTo("tasks");
        assertThat(scan.fix().statements()).singleElement().asString()
                .contains("tasks_project_id_status_id_idx").contains("(project_id, status_id)");

        db.execute(scan.fix().statements().get(0));
        try {
            ExecutionPlan after = analyzer.explain(sql, 42, 0);
            assertThat(kinds(after)).doesNotContain(InsightKind.SEQ_SCAN_FEW_ROWS, InsightKind.FULL_SCAN);
        } finally {
            db.execute(db.testDialect() == TestDialect.POSTGRESQL ? "DROP INDEX tasks_project_id_status_id_idx"
                    : "DROP INDEX tasks_project_id_status_id_idx ON tasks");
        }
    }

    @DialectTest
    void neverPutsBoundValuesIntoInsights() {
        ExecutionPlan plan = analyzer.explain("SELECT id FROM tasks WHERE project_id = ? AND title = ?", 77,
                "task 4242");
        assertThat(plan.insights()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.message()).doesNotContain("4242").doesNotContain("77");
            assertThat(i.evidence()).noneMatch(e -> e.displayValue().contains("4242"));
        });
        assertThat(plan.nodes()).allSatisfy(n -> assertThat(n.filter()).doesNotContain("4242"));
    }

    @DialectTest
    void flagsALargeOffset() {
        ExecutionPlan plan = analyzer.explain("SELECT id, title FROM tasks ORDER BY id LIMIT 10 OFFSET ?", 15_000);
        assertThat(plan.insights()).filteredOn(i -> i.kind() == InsightKind.LARGE_OFFSET).singleElement()
                .satisfies(i -> assertThat(i.fix().description()).contains("keyset"));
        assertThat(kinds(analyzer.explain("SELECT id, title FROM tasks ORDER BY id LIMIT 10 OFFSET ?", 20)))
                .doesNotContain(InsightKind.LARGE_OFFSET);
    }

    @DialectTest
    void flagsRowMisestimatesOfCorrelatedColumns() {
        ExecutionPlan plan = analyzer.explain("SELECT id FROM tasks WHERE a = ? AND b = ?", 5, 5);
        assertThat(plan.insights()).filteredOn(i -> i.kind() == InsightKind.ROW_MISESTIMATE).singleElement()
                .satisfies(i -> assertThat((Long) i.evidenceValue("factor").orElseThrow()).isGreaterThanOrEqualTo(10L));
    }

    @DialectTest
    void flagsStaleStatistics(TestDatabase db) {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        db.execute(pg ? "CREATE TABLE stale (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = false)"
                        : "CREATE TABLE stale (id int PRIMARY KEY, v int) STATS_PERSISTENT=1 STATS_AUTO_RECALC=0",
                pg ? "INSERT INTO stale SELECT n, n FROM generate_series(1, 100) n"
                        : "INSERT INTO stale SELECT seq, seq FROM seq_1_to_100",
                pg ? "ANALYZE stale" : "ANALYZE TABLE stale PERSISTENT FOR ALL",
                pg ? "INSERT INTO stale SELECT n, n FROM generate_series(101, 20000) n"
                        : "INSERT INTO stale SELECT seq, seq FROM seq_101_to_20000");
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(analyzer.explain("SELECT count(*) FROM stale WHERE v > ?", 0).insights())
                            .filteredOn(i -> i.kind() == InsightKind.STALE_STATISTICS).singleElement()
                            .satisfies(i -> assertThat(i.fix().statements()).singleElement().asString()
                                    .contains("ANALYZE")));
            db.execute(analyzer.explain("SELECT count(*) FROM stale WHERE v > ?", 0).insights().stream()
                    .filter(i -> i.kind() == InsightKind.STALE_STATISTICS).findFirst().orElseThrow()
                    .fix().statements().get(0));
            assertThat(kinds(analyzer.explain("SELECT count(*) FROM stale WHERE v > ?", 0)))
                    .doesNotContain(InsightKind.STALE_STATISTICS);
        } finally {
            db.execute("DROP TABLE stale");
        }
    }

    @DialectTest
    void flagsAJoinThatLoopsOverALargeOuterInput(TestDatabase db) {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        if (pg) {
            db.execute("ALTER DATABASE " + db.name() + " SET enable_hashjoin = off",
                    "ALTER DATABASE " + db.name() + " SET enable_mergejoin = off");
        }
        try {
            String sql = pg ? "SELECT count(*) FROM tasks t JOIN projects p ON p.id = t.project_id"
                    : "SELECT count(*) FROM tasks t JOIN tasks u ON u.a = t.b";
            ExecutionPlan plan = analyzer.explain(sql, List.of(), ExplainOptions.ESTIMATE);
            assertThat(plan.analyzed()).isFalse();
            assertThat(kinds(plan)).contains(InsightKind.NESTED_LOOP_LARGE_OUTER);
        } finally {
            if (pg) {
                db.execute("ALTER DATABASE " + db.name() + " RESET enable_hashjoin",
                        "ALTER DATABASE " + db.name() + " RESET enable_mergejoin");
            }
        }
    }

    @DialectTest
    void flagsAnIndexScanThatDiscardsMostRows(TestDatabase db) {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        if (pg) {
            db.execute("ALTER DATABASE " + db.name() + " SET enable_seqscan = off");
        }
        try {
            ExecutionPlan plan = analyzer.explain("SELECT id FROM tasks WHERE bucket = ? AND position = ?", 3, 3);
            assertThat(plan.insights()).filteredOn(i -> i.kind() == InsightKind.INDEX_SCAN_DISCARDS).singleElement()
                    .satisfies(i -> assertThat(i.relation()).isEqualTo("tasks"));
        } finally {
            if (pg) {
                db.execute("ALTER DATABASE " + db.name() + " RESET enable_seqscan");
            }
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void flagsSortsAndHashesSpillingToDisk(TestDatabase db) {
        db.execute("ALTER DATABASE " + db.name() + " SET work_mem = '64kB'");
        try {
            assertThat(kinds(analyzer.explain("SELECT id, title FROM tasks ORDER BY title")))
                    .contains(InsightKind.SORT_SPILL);
            assertThat(kinds(analyzer.explain(
                    "SELECT count(*) FROM tasks t JOIN tasks u ON u.title = t.title WHERE t.id > ?", 0)))
                    .contains(InsightKind.HASH_SPILL);
        } finally {
            db.execute("ALTER DATABASE " + db.name() + " RESET work_mem");
        }
        assertThat(kinds(analyzer.explain("SELECT id, title FROM tasks ORDER BY title")))
                .doesNotContain(InsightKind.SORT_SPILL);
    }

    @DialectTest(TestDialect.MARIADB)
    void flagsFilesortTemporaryTablesAndFullScans() {
        assertThat(kinds(analyzer.explain("SELECT id FROM tasks WHERE status_id = ? ORDER BY title", 2)))
                .contains(InsightKind.FILESORT);
        assertThat(kinds(analyzer.explain("SELECT title, count(*) FROM tasks GROUP BY title ORDER BY count(*) DESC "
                + "LIMIT 5"))).contains(InsightKind.TEMPORARY_TABLE);
        assertThat(kinds(analyzer.explain("SELECT title FROM tasks"))).contains(InsightKind.FULL_SCAN);
    }

    @DialectTest
    void analyzesWritesOnlyWhenAllowedAndRollsThemBack(TestDatabase db) {
        String update = "UPDATE tasks SET title = ? WHERE id = ?";
        ExecutionPlan planned = analyzer.explain(update, "changed", 1);
        assertThat(planned.analyzed()).isFalse();
        ExecutionPlan analyzed = analyzer.explain(update, List.of("changed", 1), ExplainOptions.ANALYZE.withWrites());
        assertThat(analyzed.analyzed()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM tasks WHERE title = 'changed'")).isZero();
    }

    @DialectTest
    void enforcesTheStatementTimeout(TestDatabase db) {
        ExecutionPlanAnalyzer impatient = ExecutionPlanAnalyzer.builder().dataSource(db.dataSource())
                .statementTimeout(Duration.ofMillis(300)).build();
        String sleep = db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_sleep(5)" : "SELECT SLEEP(5)";
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.explain(sleep)).isInstanceOfSatisfying(DbOptException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(QueryErrorCode.EXPLAIN_FAILED);
            assertThat(e.errorKind()).contains(ErrorKind.STATEMENT_TIMEOUT);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void plansWithoutValuesOnPostgres() {
        ExecutionPlan plan = analyzer.explainGeneric("SELECT id FROM tasks WHERE project_id = $1 AND status_id = $2");
        assertThat(plan.generic()).isTrue();
        assertThat(plan.analyzed()).isFalse();
        assertThat(kinds(plan)).contains(InsightKind.SEQ_SCAN_FEW_ROWS);
        assertThat(analyzer.explainGeneric("SELECT id FROM tasks WHERE project_id = ?").generic()).isTrue();
    }

    @DialectTest(TestDialect.MARIADB)
    void refusesToPlanWithoutValuesOnMariaDb() {
        assertThatThrownBy(() -> analyzer.explainGeneric("SELECT id FROM tasks WHERE project_id = ?"))
                .isInstanceOfSatisfying(DbOptException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(QueryErrorCode.EXPLAIN_FAILED));
    }
}
