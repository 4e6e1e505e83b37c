package io.dbopt.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.bulk.checkpoint.CheckpointTable;
import io.dbopt.bulk.chunk.ChunkedJob;
import io.dbopt.bulk.chunk.JobResult;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.bulk.progress.Progress;
import io.dbopt.bulk.throttle.BusySignal;
import io.dbopt.bulk.throttle.BusySignals;
import io.dbopt.bulk.throttle.Throttle;
import io.dbopt.core.DbOptException;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/** Chunked jobs on both servers: exactly once, resume, shared workers, a killed worker, throttling. */
@DbTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChunkIT {

    static void counters(TestDatabase db, String table, int rows) {
        String q = db.dialect().quote(table);
        db.execute("DROP TABLE IF EXISTS " + q, "CREATE TABLE " + q + " (id bigint PRIMARY KEY, touched int NOT NULL "
                + "DEFAULT 0, closed boolean NOT NULL DEFAULT false)");
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            db.execute("INSERT INTO " + q + " (id, closed) SELECT g, g % 3 = 0 FROM generate_series(1, " + rows + ") g");
        } else {
            db.execute("INSERT INTO " + q + " (id, closed) SELECT seq, seq % 3 = 0 FROM seq_1_to_" + rows);
        }
    }

    private static ChunkedJob.Builder touch(TestDatabase db, String table, String id) {
        String q = db.dialect().quote(table);
        return ChunkedJob.update(table, id).set(db.dialect().quote("touched") + " = "
                + db.dialect().quote("touched") + " + 1").chunkSize(300);
    }

    @DialectTest
    void twoWorkersTouchEveryRowExactlyOnceAndNeverShareAChunk(TestDatabase db) {
        counters(db, "t", 6_000);
        List<Long> chunks = Collections.synchronizedList(new ArrayList<>());
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            JobResult r = bulk.run(ChunkedJob.custom("t", "two-workers", (c, range) -> {
                chunks.add(range.chunkNo());
                try (PreparedStatement ps = c.prepareStatement("UPDATE t SET touched = touched + 1 WHERE id >= ? "
                        + "AND id < ?")) {
                    ps.setLong(1, range.lo());
                    ps.setLong(2, range.hi());
                    return ps.executeUpdate();
                }
            }).chunkSize(200).targetChunkTime(Duration.ofMillis(20)).workers(2).build());
            assertThat(r.rows()).isEqualTo(6_000);
            assertThat(r.rowsInAll()).isEqualTo(6_000);
        }
        assertThat(chunks).doesNotHaveDuplicates();
        assertThat(db.queryLong("SELECT COUNT(*) FROM t WHERE touched <> 1")).isZero();
    }

    @DialectTest
    void aCancelledJobResumesWithNoRowDoneTwiceAndNoneSkipped(TestDatabase db) {
        counters(db, "t", 5_000);
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            AtomicInteger chunks = new AtomicInteger();
            bulk.progress().addListener(new io.dbopt.bulk.progress.ProgressListener() {
                @Override
                public void onChunk(Progress p, long rows, Duration time) {
                    if (p.job().equals("resume") && chunks.incrementAndGet() == 4) {
                        bulk.chunkManager().cancel("resume");
                    }
                }
            });
            ChunkedJob job = touch(db, "t", "resume").where("closed = ?", false).build();
            assertThatThrownBy(() -> bulk.run(job)).isInstanceOfSatisfying(DbOptException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(BulkErrorCode.CANCELLED));
            long touched = db.queryLong("SELECT COUNT(*) FROM t WHERE touched = 1");
            assertThat(touched).isGreaterThan(0).isLessThan(3_334);

            JobResult r = bulk.run(job);
            assertThat(r.rowsInAll()).isEqualTo(3_334);
            assertThat(r.rows()).isEqualTo(3_334 - touched);
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM t WHERE touched = 1 AND closed = false")).isEqualTo(3_334);
        assertThat(db.queryLong("SELECT COUNT(*) FROM t WHERE touched <> 0 AND closed = true")).isZero();
    }

    @DialectTest
    void aChunkHeldByAKilledWorkerIsClaimedByAnother(TestDatabase db) throws Exception {
        counters(db, "t", 2_000);
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            ChunkedJob job = touch(db, "t", "killed-worker").chunkSize(500).targetChunkTime(Duration.ofMinutes(1))
                    .build();
            // a "worker in another process": reserves the first chunk and holds its lock
            CheckpointTable table = new CheckpointTable(db.dialect(), "dbopt_bulk_checkpoint");
            Connection other = db.connection();
            long session;
            try (Connection c = db.connection()) {
                table.ensureExists(c);
            }
            other.setAutoCommit(false);
            table.open(other, "killed-worker", fingerprintOf(bulk, job), 1, 2_001);
            table.reserveNext(other, "killed-worker", 500, "other-process");
            Optional<CheckpointTable.Chunk> held = table.claimPending(other, "killed-worker");
            assertThat(held).isPresent();
            session = sessionId(other, db);

            CompletableFuture<JobResult> run = CompletableFuture.supplyAsync(() -> bulk.run(job));
            // the job does the rest but cannot finish while the held chunk is pending
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> db.queryLong("SELECT COUNT(*) FROM t WHERE touched = 1") == 1_500);
            assertThat(run).isNotDone();
            kill(db, session);
            JobResult r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.rowsInAll()).isEqualTo(2_000);
            other.close();
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM t WHERE touched <> 1")).isZero();
    }

    @DialectTest
    void throttlingPausesWhileABusySignalSaysSoAndKeepsTheRateCeiling(TestDatabase db) {
        counters(db, "t", 1_000);
        AtomicInteger asked = new AtomicInteger();
        Throttle throttle = Throttle.none().withMaxRowsPerSecond(4_000).withBusyPoll(Duration.ofMillis(50))
                .withBusySignal(() -> asked.incrementAndGet() <= 3 ? Optional.of("test says busy") : Optional.empty());
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            JobResult r = bulk.run(touch(db, "t", "throttled").chunkSize(250).targetChunkTime(Duration.ofSeconds(5))
                    .throttle(throttle).build());
            assertThat(r.rows()).isEqualTo(1_000);
            // 1,000 rows at 4,000 rows/s: the last chunk may start no earlier than 0.1875 s after the first
            assertThat(r.elapsed()).isGreaterThan(Duration.ofMillis(180));
            Progress p = bulk.progress().jobs().stream().filter(j -> j.job().equals("throttled")).findFirst()
                    .orElseThrow();
            assertThat(p.throttled()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(bulk.metrics().throttledSeconds()).isGreaterThan(0.1);
        }
    }

    @DialectTest
    void builtInBusySignalsSeeALongTransactionAndAnUnhealthyComponent(TestDatabase db) throws Exception {
        counters(db, "t", 10);
        try (BulkOperationHandler other = BulkTests.handler(db, Map.of());
             Connection open = db.connection()) {
            BusySignal unhealthy = BusySignals.unhealthy(other);
            assertThat(unhealthy.busy()).isEmpty();
            // a job of the other handler fails (as a load stopped by bad rows reports it)
            other.progress().start("failed-load", "load", java.util.OptionalLong.empty(), false).finish(false);
            assertThat(unhealthy.busy()).hasValue("bulk is degraded");

            open.setAutoCommit(false);
            try (Statement st = open.createStatement()) {
                st.executeUpdate("UPDATE t SET touched = touched WHERE id = 1"); // holds a transaction open
            }
            BusySignal longTx = BusySignals.longTransactions(db.dataSource(), Duration.ofSeconds(1));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> longTx.busy().isPresent());
            assertThat(longTx.busy().orElseThrow()).startsWith("a transaction open for");
            open.rollback();
        }
    }

    @DialectTest
    void chunkSizeAdaptsTowardsTheTargetTime(TestDatabase db) {
        counters(db, "t", 20_000);
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            JobResult r = bulk.run(touch(db, "t", "adaptive").chunkSize(10).targetChunkTime(Duration.ofMillis(200))
                    .build());
            assertThat(r.rows()).isEqualTo(20_000);
            assertThat(r.lastChunkSize()).isGreaterThan(40);
        }
    }

    @DialectTest
    void aJobIdTakenByAnotherDefinitionIsRefused(TestDatabase db) {
        counters(db, "t", 100);
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of())) {
            bulk.run(touch(db, "t", "same-id").build());
            assertThatThrownBy(() -> bulk.run(ChunkedJob.delete("t", "same-id").build()))
                    .isInstanceOfSatisfying(DbOptException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(BulkErrorCode.CHECKPOINT_CONFLICT);
                        assertThat(e.getMessage()).contains("same-id", "forget");
                    });
            assertThat(db.queryLong("SELECT COUNT(*) FROM t")).isEqualTo(100);
        }
    }

    static String fingerprintOf(BulkOperationHandler bulk, ChunkedJob job) throws Exception {
        java.lang.reflect.Method m = io.dbopt.bulk.chunk.ChunkManager.class.getDeclaredMethod("fingerprint",
                ChunkedJob.class);
        m.setAccessible(true);
        return (String) m.invoke(null, job);
    }

    static long sessionId(Connection c, TestDatabase db) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void kill(TestDatabase db, long session) {
        db.execute(db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_terminate_backend(" + session + ")"
                : "KILL " + session);
    }
}
