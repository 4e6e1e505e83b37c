package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * MariaDB's index usage counters ({@code performance_schema.table_io_waits_summary_by_index_usage}: no index, every
 * row of the server built on each read) are read once per analysis and joined to the checks' catalog rows in Java,
 * with the results the checks' own joins gave.
 */
@DbTest
class IndexUsageCountersIT {

    private static final String USAGE_TABLE = "table_io_waits_summary_by_index_usage";

    @AfterEach
    void dropTables(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS scanned", "DROP TABLE IF EXISTS accounts", "DROP TABLE IF EXISTS clients");
    }

    @DialectTest(TestDialect.MARIADB)
    void readsTheCountersOncePerAnalysis(TestDatabase db) {
        SchemaPopulator.on(db).withReferences().withDuplicatedIndex().withRedundantIndex().withUnusedIndex()
                .withData(200).populate();
        List<String> sent = new CopyOnWriteArrayList<>();

        IndexReport report = IndexManager.builder(counting(db.dataSource(), sent)).workload(Workload.empty())
                .options(IndexOptions.defaults().toBuilder().unusedMinBytes(0).build()).build().analyze();

        // before: index.unused, index.rarely-used, index.duplicate, index.redundant and index.seq-scan-heavy each
        // read it (seq-scan twice in one statement), and unused and rarely-used read the by-table summary as well
        List<String> statements = sent.stream().map(IndexUsageCountersIT::withoutComments).toList();
        assertThat(statements).filteredOn(sql -> sql.contains(USAGE_TABLE)).hasSize(1);
        assertThat(statements).noneMatch(sql -> sql.contains("table_io_waits_summary_by_table"));
        assertThat(report.findings("index.duplicate")).hasSize(1);
        assertThat(report.findings("index.redundant")).hasSize(1);
        assertThat(report.findings("index.unused")).extracting(f -> f.object().name())
                .anyMatch(o -> o.contains("accounts_balance_idx"));
    }

    @DialectTest(TestDialect.MARIADB)
    void joinsTheCountersAsTheCatalogQueriesDid(TestDatabase db) {
        SchemaPopulator.on(db).table("scanned", t -> t.id("id").integer("a").integer("b").integer("c"))
                .rows("scanned", 300)
                .index("scanned_a_idx", "scanned", "a").index("scanned_a_dup_idx", "scanned", "a")
                .index("scanned_b_idx", "scanned", "b").index("scanned_c_idx", "scanned", "c").populate();
        db.execute("ANALYZE TABLE scanned");
        for (int i = 0; i < 5; i++) {
            // of two identical indexes the one later by name is read: it is kept, the first by name is the duplicate
            db.queryLong("SELECT count(*) FROM scanned FORCE INDEX (scanned_a_idx) WHERE a >= 0");
            db.queryLong("SELECT count(*) FROM scanned FORCE INDEX (scanned_b_idx) WHERE b = 7");
            db.queryLong("SELECT count(*) FROM scanned IGNORE INDEX (scanned_a_idx, scanned_a_dup_idx, scanned_b_idx, "
                    + "scanned_c_idx) WHERE c + 0 = 3");
        }
        db.execute("UPDATE scanned SET c = c + 1 WHERE id <= 3");
        IndexOptions options = IndexOptions.defaults().toBuilder().unusedMinBytes(0).rarelyUsedScans(1_000_000)
                .seqScanMinCount(2).seqScanMinRows(1).build();

        IndexReport report = IndexManager.builder(db.dataSource()).workload(Workload.empty()).options(options).build()
                .analyze();

        Finding duplicate = single(report.findings("index.duplicate"));
        assertThat(duplicate.object().name()).contains("scanned_a_dup_idx");
        assertThat(duplicate.evidenceValue("duplicate_of")).contains("scanned_a_idx");
        assertThat(duplicate.evidenceValue("scans")).contains(0L);
        assertThat(names(report.findings("index.unused"))).anyMatch(o -> o.contains("scanned_c_idx"))
                .anyMatch(o -> o.contains("scanned_a_dup_idx")).noneMatch(o -> o.contains("scanned_b_idx"))
                .noneMatch(o -> o.contains("scanned_a_idx"));
        Finding rarely = report.findings("index.rarely-used").stream()
                .filter(f -> f.object().name().contains("scanned_b_idx")).findFirst().orElseThrow();
        assertThat(rarely.evidenceValue("scans")).contains(counter(db,
                "SELECT COUNT_READ FROM performance_schema." + USAGE_TABLE + " WHERE OBJECT_SCHEMA = DATABASE() "
                        + "AND OBJECT_NAME = 'scanned' AND INDEX_NAME = 'scanned_b_idx'"));
        assertThat(rarely.evidenceValue("table_writes")).contains(counter(db,
                "SELECT COUNT_WRITE FROM performance_schema.table_io_waits_summary_by_table "
                        + "WHERE OBJECT_SCHEMA = DATABASE() AND OBJECT_NAME = 'scanned'"));
        Finding seq = single(report.findings("index.seq-scan-heavy").stream()
                .filter(f -> f.object().name().contains("scanned")).toList());
        long fullReads = counter(db, "SELECT COUNT_READ FROM performance_schema." + USAGE_TABLE
                + " WHERE OBJECT_SCHEMA = DATABASE() AND OBJECT_NAME = 'scanned' AND INDEX_NAME IS NULL");
        long rows = counter(db, "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'scanned'");
        assertThat(seq.evidenceValue("rows_read")).contains(fullReads);
        assertThat(seq.evidenceValue("seq_scans")).contains(fullReads / Math.max(rows, 1));
    }

    /** The statement's text without its comment lines (the queries' comments name the tables they once read). */
    private static String withoutComments(String sql) {
        return sql.lines().filter(l -> !l.strip().startsWith("--")).map(l -> l.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static Finding single(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static List<String> names(List<Finding> findings) {
        return findings.stream().map(f -> f.object().name()).toList();
    }

    /** A counter read after the analysis (the analysis itself reads no user table, so it is what the checks saw). */
    private static long counter(TestDatabase db, String sql) {
        return db.queryLong(sql);
    }

    /** A data source whose connections record the text of every statement they prepare or run. */
    private static DataSource counting(DataSource target, List<String> sent) {
        return (DataSource) Proxy.newProxyInstance(IndexUsageCountersIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    return result instanceof Connection c ? recording(c, sent) : result;
                });
    }

    private static Connection recording(Connection target, List<String> sent) {
        return (Connection) Proxy.newProxyInstance(IndexUsageCountersIT.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        sent.add(sql);
                    }
                    if (method.getName().equals("createStatement")) {
                        java.sql.Statement statement = (java.sql.Statement) invoke(method, target, args);
                        return Proxy.newProxyInstance(IndexUsageCountersIT.class.getClassLoader(),
                                new Class<?>[] {java.sql.Statement.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("execute") && a != null && a[0] instanceof String s) {
                                        sent.add(s);
                                    }
                                    return invoke(m, statement, a);
                                });
                    }
                    return invoke(method, target, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
