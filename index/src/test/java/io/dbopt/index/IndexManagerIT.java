package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.UnsupportedDatabaseException;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

@DbTest
class IndexManagerIT {

    private static final String CONCRETE_QUERY = "SELECT id, total FROM orders WHERE status = 'paid' "
            + "AND customer_id = 7 AND created_at > CURRENT_TIMESTAMP - INTERVAL '1' DAY";

    @BeforeEach
    void plant(TestDatabase db) {
        Planted.orders(db, 20_000);
    }

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS orders");
    }

    @DialectTest
    void applyingTheRecommendationChangesThePlanAndIsIdempotent(TestDatabase db) throws Exception {
        IndexManager manager = IndexManager.create(db.dataSource());
        IndexRecommendation r = manager.recommend(Workload.builder()
                .add(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE, 500, Duration.ofSeconds(5)).build())
                .recommendations().get(0);
        assertThat(plan(db, CONCRETE_QUERY)).doesNotContain(r.index().name());

        ApplyResult created = manager.apply(r);
        analyze(db);

        assertThat(created.action()).isEqualTo(ApplyResult.Action.CREATED);
        assertThat(created.statements()).containsExactly(r.createStatement());
        assertThat(plan(db, CONCRETE_QUERY)).contains(r.index().name());
        assertThat(manager.apply(r).action()).isEqualTo(ApplyResult.Action.ALREADY_PRESENT);
        assertThat(manager.recommend(Workload.of(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE)).recommendations())
                .isEmpty();
    }

    @DialectTest
    void failedBuildReportsTheCauseAndLeavesNoIndexBehind(TestDatabase db) {
        IndexManager manager = IndexManager.create(db.dataSource());
        IndexDefinition unique = IndexDefinition.on(TableName.of("orders")).name("orders_customer_uq")
                .columns("customer_id").unique().build();

        assertThatThrownBy(() -> manager.createIndex(unique)).isInstanceOf(DbOptException.class)
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(IndexErrorCode.BUILD_FAILED))
                .hasMessageContaining("duplicate values");

        assertThat(indexCount(db, "orders_customer_uq")).isZero();
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            assertThatThrownBy(() -> manager.createIndex(unique)).hasMessageContaining("INVALID index");
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void invalidIndexLeftByAFailedConcurrentBuildIsDetectedAndDropped(TestDatabase db) {
        // the duplicates make the build fail after it registered the index
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_customer_uq ON orders "
                + "(customer_id)")).isInstanceOf(IllegalStateException.class);
        assertThat(indexCount(db, "orders_customer_uq")).isOne();
        IndexManager manager = IndexManager.builder(db.dataSource()).workload(Workload.empty()).build();

        assertThat(IndexUsageAnalyzerIT.objects(manager.analyze().findings("index.invalid")))
                .containsExactly("public.orders_customer_uq");
        assertThat(manager.dropInvalidIndexes()).extracting(ApplyResult::index).containsExactly("orders_customer_uq");

        assertThat(indexCount(db, "orders_customer_uq")).isZero();
        assertThat(manager.analyze().findings("index.invalid")).isEmpty();
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void creatingOverAnInvalidIndexRebuildsIt(TestDatabase db) {
        db.execute("INSERT INTO orders (customer_id, status, created_at, reference, total) "
                + "SELECT 1, 'new', now(), 'dup', 1 FROM generate_series(1, 2)");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_reference_uq ON orders "
                + "(reference)")).isInstanceOf(IllegalStateException.class); // two 'dup' references
        db.execute("DELETE FROM orders WHERE reference = 'dup'");
        IndexDefinition unique = IndexDefinition.on(TableName.of("orders")).name("orders_reference_uq")
                .columns("reference").unique().build();

        ApplyResult result = IndexManager.create(db.dataSource()).createIndex(unique);

        assertThat(result.action()).isEqualTo(ApplyResult.Action.REBUILT_INVALID);
        assertThat(result.statements()).hasSize(2);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE i.relname = 'orders_reference_uq' AND x.indisvalid")).isOne();
    }

    @DialectTest
    void ddlGivesUpAfterTheLockTimeout(TestDatabase db) throws Exception {
        IndexManager manager = IndexManager.builder(db.dataSource())
                .options(IndexOptions.defaults().toBuilder().lockTimeout(Duration.ofSeconds(1)).build()).build();
        try (Connection holder = db.connection(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                st.execute("LOCK TABLE orders IN SHARE MODE");
            } else {
                st.executeQuery("SELECT id FROM orders LIMIT 1").close(); // holds a metadata lock until commit
            }

            assertThatThrownBy(() -> manager.createIndex(IndexDefinition.btree(TableName.of("orders"), "total")))
                    .isInstanceOf(DbOptException.class)
                    .satisfies(e -> assertThat(((DbOptException) e).errorCode())
                            .isEqualTo(IndexErrorCode.LOCK_TIMEOUT));
            holder.rollback();
        }
        assertThat(indexCount(db, "orders_total_idx")).isZero();
    }

    @DialectTest
    void dropIsIdempotentAndRefusesConstraintIndexes(TestDatabase db) {
        IndexManager manager = IndexManager.create(db.dataSource());

        assertThat(manager.dropIndex(TableName.of("orders"), "orders_reference_idx").action())
                .isEqualTo(ApplyResult.Action.DROPPED);
        assertThat(manager.dropIndex(TableName.of("orders"), "orders_reference_idx").action())
                .isEqualTo(ApplyResult.Action.ABSENT);
        String primary = db.testDialect() == TestDialect.POSTGRESQL ? "orders_pkey" : "PRIMARY";
        assertThatThrownBy(() -> manager.dropIndex(TableName.of("orders"), primary))
                .satisfies(e -> assertThat(((DbOptException) e).errorCode())
                        .isEqualTo(IndexErrorCode.CONSTRAINT_OWNED));
    }

    @DialectTest
    void hidesAnIndexOnMariaDbAndRefusesOnPostgres(TestDatabase db) throws Exception {
        IndexManager manager = IndexManager.create(db.dataSource());
        String lookup = "SELECT id FROM orders WHERE reference = 'ref-77'";
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            assertThatThrownBy(() -> manager.setIgnored(TableName.of("orders"), "orders_reference_idx", true))
                    .isInstanceOf(UnsupportedDatabaseException.class);
            return;
        }
        assertThat(plan(db, lookup)).contains("orders_reference_idx");

        assertThat(manager.setIgnored(TableName.of("orders"), "orders_reference_idx", true).action())
                .isEqualTo(ApplyResult.Action.HIDDEN);
        assertThat(plan(db, lookup)).doesNotContain("orders_reference_idx");

        manager.setIgnored(TableName.of("orders"), "orders_reference_idx", false);
        assertThat(plan(db, lookup)).contains("orders_reference_idx");
    }

    static String plan(TestDatabase db, String sql) throws Exception {
        String explain = db.testDialect() == TestDialect.POSTGRESQL ? "EXPLAIN (FORMAT JSON) " : "EXPLAIN FORMAT=JSON ";
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(explain + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void analyze(TestDatabase db) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                st.execute("ANALYZE orders");
            } else {
                st.executeQuery("ANALYZE TABLE orders").close();
            }
        }
    }

    static long indexCount(TestDatabase db, String index) {
        return db.testDialect() == TestDialect.POSTGRESQL
                ? db.queryLong("SELECT count(*) FROM pg_class WHERE relname = '" + index + "'")
                : db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND INDEX_NAME = '" + index + "'");
    }
}
