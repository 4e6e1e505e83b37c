package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsonFieldOptimizerIT {

    private static final DbOptConfig CONFIG = DbOptConfig.of(Map.of("json", Map.of(
            "history", Map.of("table", "comp_hist"), "compression", Map.of("dictionary_table", "comp_dicts"))));

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS comp_hist", "DROP TABLE IF EXISTS comp_hist_head",
                "DROP TABLE IF EXISTS comp_dicts", "DROP TABLE IF EXISTS notes");
    }

    @DialectTest
    void recordsMetersReportsHealthAndRemovesItsMetersOnClose(TestDatabase db) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JsonFieldOptimizer json = JsonFieldOptimizer.builder(db.dataSource()).config(CONFIG).meterRegistry(registry)
                .build();
        byte[] stored = json.compressor().compress(Samples.html(5000, 1));
        json.compressor().decompress(stored);
        json.history().recordText("d", Samples.html(3000, 2));
        json.history().recordText("d", Samples.html(3000, 2) + "<p>more</p>");
        assertThat(json.healthCheck().status()).isEqualTo(HealthStatus.UP);

        byte[] broken = stored.clone();
        broken[broken.length - 1] ^= 1;
        assertThatThrownBy(() -> json.compressor().decompress(broken)).isInstanceOf(DbOptException.class);
        Health health = json.healthCheck();
        JsonMetrics m = json.metrics();

        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.findings()).extracting(f -> f.check().value()).containsExactly("json.decompress-failures");
        assertThat(m.decompressFailures()).isEqualTo(1);
        assertThat(m.historyDiffs()).isEqualTo(1);
        assertThat(m.historySnapshots()).isEqualTo(1);
        assertThat(m.compressionRatio()).isLessThan(1);
        assertThat(m.values()).containsKeys("compressions", "bytes_in", "bytes_out", "history_diffs");
        Set<String> names = new TreeSet<>();
        registry.getMeters().stream().map(Meter::getId).forEach(id -> names.add(id.getName()));
        assertThat(names).contains(JsonMeters.COMPRESS, JsonMeters.DECOMPRESS, JsonMeters.BYTES_IN,
                JsonMeters.BYTES_OUT, JsonMeters.DECOMPRESS_FAILURES, JsonMeters.HISTORY_VERSIONS,
                JsonMeters.HISTORY_STORED, JsonMeters.HISTORY_ROUND_TRIP_FAILURES);
        assertThat(json.componentName()).isEqualTo("json");

        json.close();
        json.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @DialectTest
    void advisesOnHowAColumnOfMidSizedDocumentsIsStored(TestDatabase db) throws Exception {
        boolean pg = db.dialect() instanceof PostgresDialect;
        db.execute("CREATE TABLE notes (id int PRIMARY KEY, body " + (pg ? "text" : "LONGTEXT") + " NOT NULL)");
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
            for (int i = 0; i < 300; i++) {
                ps.setInt(1, i);
                ps.setString(2, Samples.json(1500, i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (JsonFieldOptimizer json = JsonFieldOptimizer.create(CONFIG, db.dataSource())) {
            CompressionAdvice advice = json.compressionAdvice(ColumnRef.of("notes", "body"));

            assertThat(advice.storage().sampledRows()).isEqualTo(300);
            assertThat(advice.storage().averageValueBytes()).isBetween(1400.0, 1600.0);
            assertThat(advice.storage().averageZstdBytes()).isLessThan(advice.storage().averageValueBytes() * 0.7);
            assertThat(advice.findings()).singleElement().satisfies(f -> {
                assertThat(f.check().value()).isEqualTo("json.large-value-column");
                assertThat(f.message()).contains(pg ? "under TOAST's ~2 KB threshold" : "stored at 100 %");
                assertThat(f.fix().statements()).hasSize(pg ? 0 : 1);
            });
            assertThatThrownBy(() -> json.compressionAdvice(ColumnRef.of("notes", "missing")))
                    .isInstanceOf(DbOptException.class).hasMessageContaining("notes.missing");
        }
    }
}
