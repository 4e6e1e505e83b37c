package io.dbopt.index;

import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.ColumnType;
import io.dbopt.testkit.populate.SchemaPopulator;

/** The planted workload schema of the recommender tests: orders whose right index is known. */
final class Planted {

    /** Needs (customer_id, status, created_at): 50 customers, 5 statuses, a time range. */
    static final String ORDERS_BY_CUSTOMER_STATUS_SINCE =
            "SELECT id, total FROM orders WHERE status = ? AND customer_id = ? AND created_at > ?";
    /** Served by the primary key. */
    static final String ORDER_BY_ID = "SELECT id, total FROM orders WHERE id = ?";
    /** Served by orders_reference_idx. */
    static final String ORDER_BY_REFERENCE = "SELECT id FROM orders WHERE reference = ?";

    private Planted() {
    }

    static void orders(TestDatabase db, long rows) {
        String created = db.testDialect() == TestDialect.POSTGRESQL ? "now() - n * interval '1 minute'"
                : "NOW(6) - INTERVAL n MINUTE";
        String reference = db.testDialect() == TestDialect.POSTGRESQL ? "'ref-' || n" : "CONCAT('ref-', n)";
        SchemaPopulator.on(db)
                .table("orders", t -> t.id("id")
                        .column("customer_id", ColumnType.BIGINT, 0, "1 + (n % 50)")
                        .column("status", ColumnType.VARCHAR, 20,
                                "CASE n % 5 WHEN 0 THEN 'new' WHEN 1 THEN 'paid' WHEN 2 THEN 'shipped' "
                                        + "WHEN 3 THEN 'done' ELSE 'cancelled' END")
                        .column("created_at", ColumnType.TIMESTAMP, 0, created)
                        .column("reference", ColumnType.VARCHAR, 40, reference)
                        .numeric("total"))
                .rows("orders", rows)
                .index("orders_reference_idx", "orders", "reference")
                .populate();
    }
}
