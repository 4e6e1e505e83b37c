package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

@DbTest
class HostileNamesIT {

    private static final String COLUMN = "we\"ird col";
    private static final IndexOptions ALL = IndexOptions.defaults().toBuilder().unusedMinBytes(0).build();

    private static String parent(TestDatabase db) {
        return db.testDialect() == TestDialect.POSTGRESQL ? "Parent Table" : "parent`table";
    }

    private static String child(TestDatabase db) {
        return db.testDialect() == TestDialect.POSTGRESQL ? "Order \"Items\"" : "order`items";
    }

    @AfterEach
    void clean(TestDatabase db) {
        Dialect d = db.dialect();
        db.execute("DROP TABLE IF EXISTS " + d.quote(child(db)), "DROP TABLE IF EXISTS " + d.quote(parent(db)),
                "DROP TABLE IF EXISTS " + d.quote("order items"));
    }

    @DialectTest
    void everyGeneratedStatementRunsOnHostileNames(TestDatabase db) throws Exception {
        String parent = parent(db);
        String child = child(db);
        SchemaPopulator.on(db)
                .table(parent, t -> t.id("id").integer("n"))
                .table(child, t -> t.id("id").references("parent ref", parent).integer("select").varchar(COLUMN, 30))
                .rows(parent, 1_000).rows(child, 5_000)
                .index("dup one", child, "select").index("dup two", child, "select")
                .populate();
        if (db.testDialect() == TestDialect.MARIADB) {
            dropForeignKeyIndex(db, child);
        }
        IndexManager manager = IndexManager.builder(db.dataSource()).options(ALL).workload(Workload.empty()).build();

        IndexReport before = manager.analyze();
        List<String> fixes = before.allFindings().stream().filter(f -> f.check().value().equals("index.duplicate")
                || f.check().value().equals("index.fk-without-index")).flatMap(f -> f.fix().statements().stream())
                .toList();
        assertThat(before.findings("index.fk-without-index")).hasSize(1);
        assertThat(before.findings("index.duplicate")).hasSize(1);
        fixes.forEach(db::execute);

        IndexReport after = manager.analyze();
        assertThat(after.findings("index.fk-without-index")).isEmpty();
        assertThat(after.findings("index.duplicate")).isEmpty();
    }

    /**
     * JSqlParser 5.3 cannot parse MariaDB identifiers holding a doubled backtick, so statements naming one are
     * skipped; the table here has a space and the column a double quote and a reserved word.
     */
    @DialectTest
    void recommendsAndAppliesAnIndexOnHostileNames(TestDatabase db) throws Exception {
        String child = db.testDialect() == TestDialect.POSTGRESQL ? child(db) : "order items";
        Dialect d = db.dialect();
        SchemaPopulator.on(db).table(child, t -> t.id("id").integer("select")
                        .column(COLUMN, io.dbopt.testkit.populate.ColumnType.INT, 0, "n % 10"))
                .rows(child, 20_000).populate();
        String sql = "SELECT " + d.quote("id") + " FROM " + d.quote(child) + " WHERE " + d.quote(COLUMN)
                + " = ? AND " + d.quote("select") + " = ?";
        IndexManager manager = IndexManager.create(db.dataSource());

        Recommendations result = manager.recommend(Workload.builder().add(sql, 100, Duration.ofSeconds(1)).build());

        assertThat(result.recommendations()).hasSize(1);
        IndexRecommendation r = result.recommendations().get(0);
        assertThat(r.index().columns()).containsExactly("select", COLUMN);
        assertThat(r.createStatement()).contains(d.quote(child), d.quote(COLUMN), d.quote("select"));
        assertThat(manager.apply(r).action()).isEqualTo(ApplyResult.Action.CREATED);
        assertThat(manager.dropIndex(TableName.of(child), r.index().name()).action())
                .isEqualTo(ApplyResult.Action.DROPPED);
    }

    /** InnoDB keeps an index for every foreign key; only foreign_key_checks=0 lets it go. */
    private static void dropForeignKeyIndex(TestDatabase db, String child) {
        String index = db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND COLUMN_NAME = 'parent ref'") > 0 ? fkIndexName(db) : null;
        assertThat(index).isNotNull();
        db.execute("SET SESSION foreign_key_checks = 0", "ALTER TABLE " + db.dialect().quote(child) + " DROP INDEX "
                + db.dialect().quote(index));
    }

    private static String fkIndexName(TestDatabase db) {
        try (var c = db.connection(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND COLUMN_NAME = 'parent ref'")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> checks(List<Finding> findings) {
        return findings.stream().map(f -> f.check().value()).toList();
    }
}
