package io.dbopt.bulk;

import static io.dbopt.bulk.BulkTests.ITEMS;
import static io.dbopt.bulk.BulkTests.createItems;
import static io.dbopt.bulk.BulkTests.item;
import static io.dbopt.bulk.BulkTests.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.bulk.BulkTests.Item;
import io.dbopt.bulk.failure.BadRow;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.LoadResult;
import io.dbopt.bulk.load.LoadStrategy;
import io.dbopt.bulk.load.RowMapping;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.core.DbOptException;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Loading on both servers: every strategy, exact counts, values, bad rows, resume, upsert. */
@DbTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LoadIT {

    private static List<LoadStrategy> strategies(TestDatabase db) {
        return db.testDialect() == TestDialect.POSTGRESQL
                ? List.of(LoadStrategy.COPY_BINARY, LoadStrategy.COPY_TEXT, LoadStrategy.BATCH_INSERT)
                : List.of(LoadStrategy.LOAD_DATA, LoadStrategy.BATCH_INSERT);
    }

    @DialectTest
    void everyStrategyLoadsEveryRowWithItsValues(TestDatabase db) throws Exception {
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.chunk_rows", 1000))) {
            for (LoadStrategy s : strategies(db)) {
                createItems(db, "items");
                LoadResult r = bulk.load(LoadRequest.into("items", ITEMS).strategy(s), RowSource.of(items(1, 2_500)));
                assertThat(r.strategy()).isEqualTo(s);
                assertThat(r.rowsInserted()).as(s.name()).isEqualTo(2_500);
                assertThat(r.rowsRead()).isEqualTo(2_500);
                assertThat(r.chunks()).isGreaterThanOrEqualTo(3);
                assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(2_500);
                assertThat(read(db, 77)).as(s.name()).isEqualTo(item(77));
                assertThat(read(db, 1_000)).as(s.name()).isEqualTo(item(1_000));
                assertThat(read(db, 1_003)).as(s.name()).isEqualTo(item(1_003));
            }
        }
    }

    @DialectTest
    void autoChoosesCopyOnPostgresAndLoadDataOnMariaDb(TestDatabase db) {
        createItems(db, "items");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.binary_min_rows", 1_000))) {
            LoadResult r = bulk.load(LoadRequest.into("items", ITEMS), RowSource.of(items(1, 50)));
            assertThat(r.strategy()).isIn(LoadStrategy.COPY_TEXT, LoadStrategy.LOAD_DATA);
            LoadResult big = bulk.load(LoadRequest.into("items", ITEMS).expectedRows(1_000_000),
                    RowSource.of(items(51, 100)));
            assertThat(big.strategy()).isIn(LoadStrategy.COPY_BINARY, LoadStrategy.LOAD_DATA);
        }
        // without database.url the loader never opens a connection of its own: MariaDB falls back to INSERTs
        try (BulkOperationHandler bulk = BulkOperationHandler.builder().dataSource(db.dataSource()).build()) {
            LoadResult r = bulk.load(LoadRequest.into("items", ITEMS), RowSource.of(items(101, 150)));
            assertThat(r.strategy()).isIn(LoadStrategy.COPY_BINARY, LoadStrategy.BATCH_INSERT);
            assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(150);
        }
    }

    @DialectTest
    void badRowsAreReportedWithRowNumberAndColumnAndTheRestLoads(TestDatabase db) {
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.chunk_rows", 1000))) {
            for (LoadStrategy s : strategies(db)) {
                createItems(db, "items");
                List<Item> rows = new ArrayList<>(items(1, 3_000));
                rows.set(1_233, new Item(1_234, 1, "this name is far too long for it", null, null, null));
                rows.set(1_999, item(17)); // duplicate key of row 17
                List<BadRow> bad = Collections.synchronizedList(new ArrayList<>());
                LoadResult r = bulk.load(LoadRequest.into("items", ITEMS).strategy(s).maxErrors(5).onBadRow(bad::add),
                        RowSource.of(rows));
                assertThat(r.rowsInserted()).as(s.name()).isEqualTo(2_998);
                assertThat(r.rowsRejected()).isEqualTo(2);
                assertThat(bad).extracting(BadRow::rowNumber).containsExactly(1_234L, 2_000L);
                if (!(s == LoadStrategy.BATCH_INSERT && db.testDialect() == TestDialect.POSTGRESQL)) {
                    // PostgreSQL names no column for a value too long in an INSERT; COPY and MariaDB do
                    assertThat(bad.get(0).column()).as(s.name() + " " + bad.get(0)).hasValue("name");
                }
                assertThat(bad).allSatisfy(b -> {
                    assertThat(b.reason()).doesNotContain("far too long").doesNotContain("item\t17");
                    assertThat(b.values()).isEmpty();
                });
                assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(2_998);
            }
        }
    }

    @DialectTest
    void rejectedRowsAreRecordedInARejectTableOnceAcrossAResume(TestDatabase db) {
        createItems(db, "items");
        String rejects = "bad \"rows\" of items";
        String q = db.dialect().quote(rejects);
        db.execute("DROP TABLE IF EXISTS " + q);
        List<Item> rows = new ArrayList<>(items(1, 3_000));
        rows.set(99, new Item(100, 1, "this name is far too long for it", null, null, null));
        rows.set(2_499, new Item(2_500, 1, "this name is far too long too", null, null, null));
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.chunk_rows", 1000))) {
            // the first run stops at its second bad row (recorded, and the checkpoint moved past it); the resumed
            // run goes on after it and records nothing twice
            assertThatThrownBy(() -> bulk.load(LoadRequest.into("items", ITEMS).jobId("with-rejects").maxErrors(1)
                    .rejectTable(rejects), RowSource.of(rows))).isInstanceOf(DbOptException.class);
            LoadResult r = bulk.load(LoadRequest.into("items", ITEMS).jobId("with-rejects").maxErrors(1)
                    .rejectTable(rejects), RowSource.of(rows));
            assertThat(r.rowsSkipped()).isEqualTo(2_500);
            assertThat(r.rowsInserted()).isEqualTo(500);
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(2_998);
        assertThat(db.queryLong("SELECT COUNT(*) FROM " + q)).isEqualTo(2);
        assertThat(db.queryLong("SELECT COUNT(*) FROM " + q + " WHERE input_row = 100 AND column_name = 'name' "
                + "AND row_values IS NULL")).isEqualTo(1);
        assertThat(db.queryLong("SELECT COUNT(*) FROM " + q + " WHERE reason LIKE '%far too long%'")).isZero();
    }

    @DialectTest
    void valuesAreShownOnlyWhenAskedFor(TestDatabase db) {
        createItems(db, "items");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            List<Item> rows = List.of(item(1), new Item(2, 1, "this name is far too long for it", null, null, null));
            LoadResult r = bulk.load(LoadRequest.into("items", ITEMS).maxErrors(1).showValues(true),
                    RowSource.of(rows));
            assertThat(r.badRows()).singleElement().satisfies(b -> {
                assertThat(b.rowNumber()).isEqualTo(2);
                assertThat(b.values()).contains("this name is far too long for it");
            });
        }
    }

    @DialectTest
    void firstBadRowStopsTheLoadAndTheJobResumesWithoutDuplicates(TestDatabase db) {
        createItems(db, "items");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.chunk_rows", 1000))) {
            List<Item> rows = new ArrayList<>(items(1, 4_000));
            rows.set(2_499, new Item(2_500, 1, "this name is far too long for it", null, null, null));
            LoadRequest<Item> request = LoadRequest.into("items", ITEMS).jobId("items-load");
            assertThatThrownBy(() -> bulk.load(request, RowSource.of(rows)))
                    .isInstanceOfSatisfying(DbOptException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(BulkErrorCode.TOO_MANY_BAD_ROWS);
                        assertThat(e.getMessage()).contains("row 2500", "items-load");
                    });
            assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(2_499);

            rows.set(2_499, item(2_500)); // the input fixed, the same job resumes
            LoadResult r = bulk.load(LoadRequest.into("items", ITEMS).jobId("items-load"), RowSource.of(rows));
            assertThat(r.rowsSkipped()).isEqualTo(2_500);
            assertThat(r.rowsInserted()).isEqualTo(1_500);
            assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(3_999);
            assertThat(db.queryLong("SELECT COUNT(*) FROM items WHERE id = 2500")).isZero();
        }
    }

    @DialectTest
    void upsertInsertsNewRowsAndUpdatesExistingOnesWithExactCounts(TestDatabase db) throws Exception {
        createItems(db, "items");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.chunk_rows", 700))) {
            bulk.load(LoadRequest.into("items", ITEMS), RowSource.of(items(1, 1_000)));
            List<Item> changed = new ArrayList<>();
            for (long i = 501; i <= 1_500; i++) {
                changed.add(new Item(i, 999, "new " + i, BigDecimal.TEN, null, true));
            }
            LoadResult r = bulk.load(LoadRequest.into("items", ITEMS).upsertOn("id"), RowSource.of(changed));
            assertThat(r.rowsInserted()).isEqualTo(500);
            assertThat(r.rowsUpdated()).isEqualTo(500);
            assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(1_500);
            assertThat(db.queryLong("SELECT COUNT(*) FROM items WHERE qty = 999")).isEqualTo(1_000);
            assertThat(read(db, 800).name()).isEqualTo("new 800");
        }
    }

    @DialectTest
    void loadsCsvFilesAndRejectsValuesTheServerCannotRead(TestDatabase db, @TempDir Path dir) throws Exception {
        createItems(db, "items");
        Path csv = dir.resolve("items.csv");
        Files.writeString(csv, "id,qty,name\n1,5,\"a, quoted\nname\"\n2,x,bad qty\n3,7,\n");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            List<String> header = RowSource.csvHeader(csv);
            LoadResult r = bulk.load(LoadRequest.into("items", RowMapping.positional(header)).maxErrors(1),
                    RowSource.csv(csv, true));
            assertThat(r.rowsInserted()).isEqualTo(2);
            assertThat(r.badRows()).singleElement().satisfies(b -> {
                assertThat(b.rowNumber()).isEqualTo(2);
                assertThat(b.reason()).doesNotContain("'x'").doesNotContain("\"x\"");
            });
            try (Connection c = db.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name FROM items WHERE id = 1")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("a, quoted\nname");
            }
            assertThat(db.queryLong("SELECT COUNT(*) FROM items WHERE id = 3 AND name IS NULL")).isEqualTo(1);
        }
    }

    @DialectTest
    void aMissingColumnIsAClearErrorBeforeAnythingIsWritten(TestDatabase db) {
        createItems(db, "items");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            RowMapping<Item> wrong = RowMapping.<Item>builder().column("id", Item::id).column("colour", Item::name)
                    .build();
            assertThatThrownBy(() -> bulk.load(LoadRequest.into("items", wrong), RowSource.of(items(1, 10))))
                    .isInstanceOfSatisfying(DbOptException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(BulkErrorCode.INVALID_REQUEST);
                        assertThat(e.getMessage()).contains("colour", "qty");
                    });
        }
    }

    static Item read(TestDatabase db, long id) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, qty, name, price, created, flag FROM items WHERE id = " + id)) {
            if (!rs.next()) {
                return null;
            }
            BigDecimal price = rs.getBigDecimal(4);
            Object flag = rs.getObject(6);
            return new Item(rs.getLong(1), rs.getInt(2), rs.getString(3),
                    price == null ? null : price.stripTrailingZeros(),
                    rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime(),
                    flag == null ? null : rs.getBoolean(6));
        }
    }
}
