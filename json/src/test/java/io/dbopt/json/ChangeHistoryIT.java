package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.json.history.JsonDiffs;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChangeHistoryIT {

    private static final DbOptConfig CONFIG = DbOptConfig.of(Map.of("json", Map.of(
            "history", Map.of("table", "hist_it", "snapshot_interval", 25))));

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS hist_it", "DROP TABLE IF EXISTS hist_it_head");
    }

    @DialectTest
    void storesDiffsAndRebuildsEveryVersionExactly(TestDatabase db) {
        try (HikariDataSource pool = Pooled.of(db, 2); ChangeHistory history = ChangeHistory.create(CONFIG, pool)) {
            List<String> written = new ArrayList<>();
            String doc = Samples.html(8000, 1);
            Random r = new Random(3);
            for (int v = 1; v <= 60; v++) {
                doc = edit(doc, r, v);
                written.add(doc);
                DocumentVersion recorded = history.record(Change.text("page-1", doc).by("user" + v % 3));
                assertThat(recorded.version()).isEqualTo(v);
                assertThat(recorded.snapshot()).isEqualTo(v % 25 == 1);
            }
            for (int v = 1; v <= 60; v++) {
                assertThat(history.content("page-1", v)).contains(written.get(v - 1));
            }
            assertThat(history.latest("page-1")).contains(doc);
            assertThat(history.content("page-1", 61)).isEmpty();
            assertThat(history.content("nope", 1)).isEmpty();
            HistoryStats stats = history.stats();
            assertThat(stats.versions()).isEqualTo(60);
            assertThat(stats.snapshots()).isEqualTo(3);
            assertThat(stats.ratio()).isLessThan(0.15);
            assertThat(history.versions("page-1")).hasSize(60)
                    .allSatisfy(v -> assertThat(v.author()).startsWith("user"));
        }
    }

    @DialectTest
    void jsonDocumentsAreDiffedAsJsonPatches(TestDatabase db) {
        try (ChangeHistory history = ChangeHistory.create(CONFIG, db.dataSource())) {
            List<String> written = new ArrayList<>();
            for (int v = 1; v <= 30; v++) {
                String json = "{\"id\":7,\"status\":\"" + (v % 2 == 0 ? "open" : "closed") + "\",\"price\":" + v
                        + ".50,\"tags\":[" + "\"t\",".repeat(v % 5) + "\"end\"],\"lines\":"
                        + Samples.json(3000, 5) + "}";
                written.add(json);
                DocumentVersion recorded = history.recordJson("order-7", json);
                if (v > 1 && v != 26) {
                    assertThat(recorded.snapshot()).isFalse();
                    assertThat(recorded.storedBytes()).isLessThan(300);
                }
            }
            for (int v = 1; v <= 30; v++) {
                assertThat(JsonDiffs.parse(history.content("order-7", v).orElseThrow(), "d"))
                        .isEqualTo(JsonDiffs.parse(written.get(v - 1), "d"));
            }
        }
    }

    @DialectTest
    void readsTheVersionCurrentAtAnInstant(TestDatabase db) {
        try (ChangeHistory history = ChangeHistory.create(CONFIG, db.dataSource())) {
            Instant t0 = Instant.parse("2026-01-01T10:00:00.123456Z");
            for (int v = 0; v < 5; v++) {
                history.record(Change.text("memo", "version " + v + "\n".repeat(v)).at(t0.plusSeconds(3600L * v)));
            }
            assertThat(history.contentAt("memo", t0.minusSeconds(1))).isEmpty();
            assertThat(history.contentAt("memo", t0)).contains("version 0");
            assertThat(history.contentAt("memo", t0.plusSeconds(2 * 3600 + 5))).contains("version 2\n\n");
            assertThat(history.versionAt("memo", t0.plusSeconds(99_999))).map(DocumentVersion::version).contains(5);
            assertThat(history.versionAt("memo", t0.plusSeconds(3600)).orElseThrow().createdAt())
                    .isEqualTo(t0.plusSeconds(3600));
        }
    }

    @DialectTest
    void concurrentWritersOfOneDocumentLoseNoVersion(TestDatabase db) throws Exception {
        int threads = 4;
        int each = 12;
        try (HikariDataSource pool = Pooled.of(db, threads);
             ChangeHistory history = ChangeHistory.create(CONFIG, pool)) {
            history.createTables();
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(workers.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        String content = Samples.html(3000, 7) + "<p>writer " + thread + " change " + i + "</p>";
                        history.record(Change.text("shared", content));
                        written.add(content);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(90, TimeUnit.SECONDS);
            }
            workers.shutdown();

            List<DocumentVersion> versions = history.versions("shared");
            assertThat(versions).extracting(DocumentVersion::version)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, threads * each).boxed()
                            .toList());
            Set<String> rebuilt = new HashSet<>();
            for (DocumentVersion v : versions) {
                rebuilt.add(history.content("shared", v.version()).orElseThrow());
            }
            assertThat(rebuilt).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    @DialectTest
    void invalidJsonWritesNothing(TestDatabase db) {
        try (ChangeHistory history = ChangeHistory.create(CONFIG, db.dataSource())) {
            history.recordJson("doc", "{\"a\":1}");
            assertThatThrownBy(() -> history.recordJson("doc", "{\"a\":")).isInstanceOf(DbOptException.class)
                    .satisfies(e -> assertThat(((DbOptException) e).errorCode())
                            .isEqualTo(JsonErrorCode.INVALID_DOCUMENT));
            assertThat(history.versions("doc")).hasSize(1);
            assertThat(history.latest("doc")).contains("{\"a\":1}");
        }
    }

    @DialectTest
    void aDamagedLatestVersionIsATypedErrorAndNothingIsWritten(TestDatabase db) {
        try (ChangeHistory history = ChangeHistory.create(CONFIG, db.dataSource())) {
            history.recordText("page", Samples.html(6000, 1));
            history.recordText("page", Samples.html(6000, 1) + "<p>second</p>");
            db.execute("UPDATE hist_it_head SET latest = " + (db.dialect() instanceof io.dbopt.core.PostgresDialect
                    ? "substring(latest from 1 for 40)" : "SUBSTRING(latest, 1, 40)"));

            assertThatThrownBy(() -> history.recordText("page", Samples.html(6000, 1) + "<p>third</p>"))
                    .isInstanceOf(DbOptException.class)
                    .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(JsonErrorCode.CORRUPT_VALUE))
                    .hasMessageContaining("the latest version of page");
            assertThat(history.versions("page")).hasSize(2);
            assertThat(history.content("page", 1)).contains(Samples.html(6000, 1));
        }
    }

    private static String edit(String doc, Random r, int v) {
        int at = doc.indexOf("<p", r.nextInt(doc.length() - 200));
        String change = v % 4 == 0 ? "<p class=\"note\">Revised in version " + v + "</p>\n" : "";
        String replaced = doc.substring(0, at) + change + doc.substring(at).replaceFirst("verify", "confirm " + v);
        return v % 7 == 0 ? replaced.replaceFirst("<p class=\"step\">[^\n]*\n", "") : replaced;
    }
}
