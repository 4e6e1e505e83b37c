package io.dbopt.bulk;

import io.dbopt.bulk.load.RowMapping;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Shared fixtures: the items table, its rows and a handler on a test database. */
final class BulkTests {

    record Item(long id, int qty, String name, BigDecimal price, LocalDateTime created, Boolean flag) {
    }

    static final RowMapping<Item> ITEMS = RowMapping.<Item>builder()
            .column("id", Item::id)
            .column("qty", Item::qty)
            .column("name", Item::name)
            .column("price", Item::price)
            .column("created", Item::created)
            .column("flag", Item::flag)
            .build();

    private BulkTests() {
    }

    static void createItems(TestDatabase db, String table) {
        String q = db.dialect().quote(table);
        db.execute("DROP TABLE IF EXISTS " + q,
                "CREATE TABLE " + q + " (id bigint PRIMARY KEY, qty int NOT NULL, name varchar(20), "
                        + "price numeric(14,4), created " + (db.dialect().resourceFolder().equals("postgresql")
                        ? "timestamp(6)" : "datetime(6)") + ", flag boolean)");
    }

    static Item item(long i) {
        return new Item(i, (int) (i % 1000), i % 7 == 0 ? null : "item\t" + i,
                i % 5 == 0 ? null : new BigDecimal(i).movePointLeft(i % 4 == 0 ? 0 : 3).negate().add(BigDecimal.ONE)
                        .stripTrailingZeros(),
                LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i * 37).plusNanos((i % 1000) * 1000),
                i % 3 == 0 ? null : i % 2 == 0);
    }

    static List<Item> items(long from, long to) {
        List<Item> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(item(i));
        }
        return out;
    }

    static Map<String, Object> config(TestDatabase db, Map<String, Object> more) {
        Map<String, Object> m = new HashMap<>();
        m.put("database.url", db.jdbcUrl());
        m.put("database.user", db.user());
        if (db.password() != null && !db.password().isEmpty()) {
            m.put("database.password", db.password());
        }
        m.put("bulk.retry_backoff", "50ms");
        m.putAll(more);
        return m;
    }

    static BulkOperationHandler handler(TestDatabase db, Map<String, Object> more) {
        return BulkOperationHandler.create(DbOptConfig.of(config(db, more)), db.dataSource());
    }

    static BulkOperationHandler handler(TestDatabase db, DataSource ds, Map<String, Object> more) {
        return BulkOperationHandler.create(DbOptConfig.of(config(db, more)), ds);
    }
}
