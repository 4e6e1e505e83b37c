package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.DbOptException;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryConversionIT {

    private static final DbOptConfig CONFIG = DbOptConfig.of(Map.of("json", Map.of(
            "history", Map.of("table", "conv_hist", "snapshot_interval", 10),
            "job", Map.of("checkpoint_table", "conv_jobs"),
            "compression", Map.of("max_value_size", "32KB"))));

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS copies_it", "DROP TABLE IF EXISTS conv_hist", "DROP TABLE IF EXISTS "
                + "conv_hist_head", "DROP TABLE IF EXISTS conv_jobs");
    }

    @DialectTest
    void convertsFullCopiesIntoDiffsInTimeOrderAndResumesAfterAFailure(TestDatabase db) throws Exception {
        Map<Long, List<String>> copies = plant(db, 12, 8);
        String huge = Samples.html(40_000, 99);
        // document 7's newest copy is over the value limit: its chunk fails
        insert(db, 10_000, 7, huge, Instant.parse("2026-06-01T00:00:00Z"));
        try (HikariDataSource pool = Pooled.of(db, 2); ChangeHistory history = ChangeHistory.create(CONFIG, pool)) {
            HistoryConversion conversion = history.conversion(FullCopyTable.of("copies_it", "document_id", "content",
                    "changed_at").author("changed_by")).chunkSize(3);

            assertThatThrownBy(conversion::run).isInstanceOf(DbOptException.class)
                    .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(JsonErrorCode.JOB_FAILED))
                    .hasMessageContaining("after key ****");
            assertThat(history.versions("4")).hasSize(8);
            assertThat(history.versions("7")).isEmpty();
            assertThat(history.versions("8")).isEmpty();

            db.execute("DELETE FROM copies_it WHERE id = 10000");
            JobResult resumed = conversion.run();

            assertThat(resumed.complete()).isTrue();
            assertThat(resumed.rowsThisRun()).isEqualTo(6L * 8);
            assertThat(resumed.rowsTotal()).isEqualTo(12L * 8);
            assertThat(resumed.ratio()).isLessThan(0.35);
            for (Map.Entry<Long, List<String>> doc : copies.entrySet()) {
                List<DocumentVersion> versions = history.versions(String.valueOf(doc.getKey()));
                assertThat(versions).hasSize(doc.getValue().size());
                for (int v = 1; v <= versions.size(); v++) {
                    assertThat(history.content(String.valueOf(doc.getKey()), v)).contains(doc.getValue().get(v - 1));
                }
                assertThat(versions.get(0).author()).isEqualTo("user" + doc.getKey());
            }
            assertThat(conversion.run().rowsThisRun()).isZero();
        }
    }

    @DialectTest
    void refusesADocumentThatAlreadyHasVersions(TestDatabase db) throws Exception {
        plant(db, 3, 2);
        try (ChangeHistory history = ChangeHistory.create(CONFIG, db.dataSource())) {
            history.recordText("2", "recorded before the conversion");
            assertThatThrownBy(() -> history.conversion(FullCopyTable.of("copies_it", "document_id", "content",
                    "changed_at")).run()).isInstanceOf(DbOptException.class)
                    .hasMessageContaining("Document 2 already has 1 versions");
            assertThat(history.versions("1")).isEmpty();
        }
    }

    /** Copies inserted newest first, as the demo does: id order is not time order. */
    private static Map<Long, List<String>> plant(TestDatabase db, int documents, int versions) throws Exception {
        boolean pg = db.dialect() instanceof PostgresDialect;
        db.execute("CREATE TABLE copies_it (id bigint PRIMARY KEY, document_id bigint NOT NULL, changed_by "
                + "varchar(50), content " + (pg ? "text" : "LONGTEXT") + " NOT NULL, changed_at "
                + (pg ? "timestamptz" : "DATETIME(6)") + " NOT NULL)");
        Map<Long, List<String>> copies = new HashMap<>();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        long id = 1;
        try (Connection c = db.connection()) {
            for (long d = 1; d <= documents; d++) {
                List<String> doc = new ArrayList<>();
                String content = Samples.html(4000, d);
                for (int v = 0; v < versions; v++) {
                    content = content.replaceFirst("verify|check", "revision-" + v) + (v % 3 == 0 ? "<p>added " + v
                            + "</p>\n" : "");
                    doc.add(content);
                }
                for (int v = versions - 1; v >= 0; v--) {
                    insert(c, id++, d, doc.get(v), base.plusSeconds(86_400L * v + d));
                }
                copies.put(d, doc);
            }
        }
        return copies;
    }

    private static void insert(TestDatabase db, long id, long document, String content, Instant at) throws Exception {
        try (Connection c = db.connection()) {
            insert(c, id, document, content, at);
        }
    }

    private static void insert(Connection c, long id, long document, String content, Instant at) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO copies_it (id, document_id, changed_by, content, changed_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, document);
            ps.setString(3, "user" + document);
            ps.setString(4, content);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }
}
