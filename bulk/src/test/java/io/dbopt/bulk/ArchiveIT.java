package io.dbopt.bulk;

import static io.dbopt.bulk.BulkTests.createItems;
import static io.dbopt.bulk.BulkTests.items;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.bulk.archive.ArchiveJob;
import io.dbopt.bulk.archive.ArchivePlan;
import io.dbopt.bulk.archive.ArchiveResult;
import io.dbopt.bulk.chunk.ChunkedJob;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.LoadResult;
import io.dbopt.bulk.load.RowMapping;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Archival and hostile identifiers on both servers. */
@DbTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ArchiveIT {

    static void handoffs(TestDatabase db, String table, String archive) {
        String t = db.dialect().quote(table);
        String a = db.dialect().quote(archive);
        db.execute("DROP TABLE IF EXISTS " + t, "DROP TABLE IF EXISTS " + a);
        String ddl = " (id bigint PRIMARY KEY, status varchar(10) NOT NULL, note varchar(50))";
        db.execute("CREATE TABLE " + t + ddl, "CREATE TABLE " + a + ddl);
        String rows = db.dialect().resourceFolder().equals("postgresql")
                ? "SELECT g, CASE WHEN g % 4 = 0 THEN 'closed' ELSE 'open' END, 'note ' || g FROM generate_series(1, 4000) g"
                : "SELECT seq, CASE WHEN seq % 4 = 0 THEN 'closed' ELSE 'open' END, CONCAT('note ', seq) FROM seq_1_to_4000";
        db.execute("INSERT INTO " + t + " (id, status, note) " + rows);
    }

    @DialectTest
    void dryRunCountsThenTheRunMovesExactlyTheMatchingRows(TestDatabase db) {
        handoffs(db, "handoffs", "handoffs_archive");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            ArchiveJob job = ArchiveJob.builder("handoffs", "handoffs_archive", "archive-handoffs")
                    .where("status = ?", "closed").chunkSize(300).build();
            ArchivePlan plan = bulk.planArchive(job);
            assertThat(plan.rows()).isEqualTo(1_000);
            assertThat(plan.bytes()).isPositive();
            assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs")).isEqualTo(4_000);

            ArchiveResult r = bulk.archive(job);
            assertThat(r.rowsMoved()).isEqualTo(1_000);
            assertThat(r.remaining()).isZero();
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs")).isEqualTo(3_000);
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs WHERE status = 'closed'")).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs_archive WHERE status = 'closed'")).isEqualTo(1_000);
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs_archive WHERE note = 'note 400'")).isEqualTo(1);
    }

    @DialectTest
    void archivesToAnotherDataSourceWithoutLosingOrDoublingRows(TestDatabase db) {
        handoffs(db, "handoffs", "handoffs_archive");
        // a row already archived by an earlier, interrupted run: kept once, not doubled
        db.execute("INSERT INTO handoffs_archive (id, status, note) VALUES (4, 'closed', 'note 4')");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            ArchiveResult r = bulk.archive(ArchiveJob.builder("handoffs", "handoffs_archive", "to-other")
                    .where("status = ?", "closed").destination(db.dataSource()).chunkSize(400).build());
            assertThat(r.rowsMoved()).isEqualTo(1_000);
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs_archive")).isEqualTo(1_000);
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoffs")).isEqualTo(3_000);
    }

    @DialectTest
    void aRecurringArchiveMovesRowsThatBecameEligible(TestDatabase db) {
        handoffs(db, "handoffs", "handoffs_archive");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            ScheduledFuture<?> every = bulk.scheduleArchive(ArchiveJob.builder("handoffs", "handoffs_archive",
                    "nightly").where("status = ?", "closed").build(), Duration.ofMillis(200));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("SELECT COUNT(*) FROM handoffs_archive") == 1_000);
            db.execute("UPDATE handoffs SET status = 'closed' WHERE id = 1");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("SELECT COUNT(*) FROM handoffs_archive") == 1_001);
            every.cancel(false);
        }
    }

    @DialectTest
    void hostileNamesOfTargetStagingArchiveAndCheckpointTablesAreQuoted(TestDatabase db) {
        String table = "we\"ird'; DROP TABLE x --";
        String archive = "arch`ive \"of\" it";
        handoffs(db, table, archive);
        String q = db.dialect().quote(table);
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.checkpoint_table", "ck\"pt`s; --"))) {
            RowMapping<Object[]> mapping = RowMapping.positional("id", "status", "note");
            List<Object[]> rows = new ArrayList<>();
            for (long i = 3_001; i <= 5_000; i++) {
                rows.add(new Object[] {i, "open", "n" + i});
            }
            LoadResult up = bulk.load(LoadRequest.into(table, mapping).upsertOn("id").jobId("hostile \"load\""),
                    RowSource.of(rows));
            assertThat(up.rowsInserted()).isEqualTo(1_000);
            assertThat(up.rowsUpdated()).isEqualTo(1_000);
            bulk.run(ChunkedJob.update(table, "hostile 'update'").set(db.dialect().quote("note") + " = ?", "x")
                    .where(db.dialect().quote("status") + " = ?", "open").build());
            ArchiveResult r = bulk.archive(ArchiveJob.builder(table, archive, "hostile `archive`")
                    .where(db.dialect().quote("status") + " = ?", "closed").build());
            assertThat(r.rowsMoved()).isEqualTo(750);
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM " + q)).isEqualTo(4_250);
        assertThat(db.queryLong("SELECT COUNT(*) FROM " + q + " WHERE note = 'x'")).isEqualTo(4_250);
        assertThat(db.queryLong("SELECT COUNT(*) FROM " + db.dialect().quote("ck\"pt`s; --"))).isGreaterThan(0);
    }

    @DialectTest
    void loadsAndJobsAreCountedInMetricsAndHealth(TestDatabase db) {
        createItems(db, "items");
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            bulk.load(LoadRequest.into("items", BulkTests.ITEMS), RowSource.of(items(1, 100)));
            assertThat(bulk.metrics().rows()).isEqualTo(100);
            assertThat(bulk.metrics().jobsFinished()).isEqualTo(1);
            assertThat(bulk.metrics().values()).containsEntry("rows", 100L);
            assertThat(bulk.healthCheck().isUp()).isTrue();
            List<BulkTests.Item> bad = new ArrayList<>(items(101, 110));
            bad.set(5, new BulkTests.Item(106, 1, "this name is far too long for it", null, null, null));
            try {
                bulk.load(LoadRequest.into("items", BulkTests.ITEMS).jobId("bad-load"), RowSource.of(bad));
            } catch (io.dbopt.core.DbOptException expected) {
                // the first bad row stops it
            }
            assertThat(bulk.healthCheck().isUp()).isFalse();
            assertThat(bulk.healthCheck().findings()).singleElement()
                    .satisfies(f -> assertThat(f.check().value()).isEqualTo("bulk.job-failed"));
        }
    }
}
