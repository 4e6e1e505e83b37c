package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CompressionMigrationIT {

    private static final DbOptConfig CONFIG = DbOptConfig.of(Map.of("json", Map.of(
            "job", Map.of("checkpoint_table", "jobs_it", "chunk_size", 50),
            "compression", Map.of("max_value_size", "64KB"))));

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS pages_it", "DROP TABLE IF EXISTS jobs_it", "DROP TABLE IF EXISTS json_it");
    }

    @DialectTest
    void compressesABinaryColumnInPlaceAndEveryRowReadsBack(TestDatabase db) throws Exception {
        Map<Integer, String> written = plant(db, binary(db), 300);
        try (JsonCompressor compressor = JsonCompressor.create(CONFIG, db.dataSource())) {
            JobResult result = compressor.migration(ColumnRef.of("pages_it", "body")).run();

            assertThat(result.complete()).isTrue();
            assertThat(result.rowsTotal()).isEqualTo(300);
            assertThat(result.ratio()).isLessThan(0.6);
            assertThat(readAll(db, compressor, ColumnEncoding.BINARY)).isEqualTo(written);
            assertThat(compressor.migration(ColumnRef.of("pages_it", "body")).run().rowsThisRun()).isZero();
        }
    }

    @DialectTest
    void failedChunkWritesNothingAndTheRerunResumesAfterTheLastCommittedOne(TestDatabase db) throws Exception {
        Map<Integer, String> written = plant(db, "text", 300);
        String huge = Samples.html(70_000, 1);
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE pages_it SET body = ? WHERE id = 175")) {
            ps.setString(1, huge);
            ps.executeUpdate();
        }
        written.put(175, huge);
        try (JsonCompressor compressor = JsonCompressor.create(CONFIG, db.dataSource())) {
            CompressionMigration migration = compressor.migration(ColumnRef.of("pages_it", "body"));
            assertThatThrownBy(migration::run).isInstanceOf(DbOptException.class)
                    .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(JsonErrorCode.JOB_FAILED))
                    .hasMessageContaining("after key ****").hasMessageContaining("max_value_size");

            assertThat(db.queryLong(compressedCount(db, "id <= 150"))).isEqualTo(150 - 150 / 10);
            assertThat(db.queryLong(compressedCount(db, "id > 150"))).isZero();
            db.execute("DELETE FROM pages_it WHERE id = 175");
            written.remove(175);

            JobResult resumed = migration.run();
            assertThat(resumed.complete()).isTrue();
            assertThat(resumed.rowsThisRun()).isEqualTo(149);
            assertThat(resumed.rowsTotal()).isEqualTo(299);
            assertThat(readAll(db, compressor, ColumnEncoding.TEXT)).isEqualTo(written);
        }
    }

    @DialectTest
    void refusesJsonColumns(TestDatabase db) {
        db.execute("CREATE TABLE json_it (id int PRIMARY KEY, doc " + (db.dialect() instanceof PostgresDialect
                ? "jsonb" : "JSON") + ")");
        try (JsonCompressor compressor = JsonCompressor.create(CONFIG, db.dataSource())) {
            assertThatThrownBy(() -> compressor.migration(ColumnRef.of("json_it", "doc")).run())
                    .isInstanceOf(DbOptException.class)
                    .satisfies(e -> assertThat(((DbOptException) e).errorCode())
                            .isEqualTo(JsonErrorCode.UNSUPPORTED_COLUMN))
                    .hasMessageContaining("json_it.doc");
        }
    }

    private static String binary(TestDatabase db) {
        return db.dialect() instanceof PostgresDialect ? "bytea" : "LONGBLOB";
    }

    private static String compressedCount(TestDatabase db, String where) {
        String marker = db.dialect() instanceof PostgresDialect ? "chr(1) || 'dbz1:%'" : "CONCAT(CHAR(1), 'dbz1:%')";
        return "SELECT count(*) FROM pages_it WHERE " + where + " AND body LIKE " + marker;
    }

    private static Map<Integer, String> plant(TestDatabase db, String type, int rows) throws Exception {
        boolean pg = db.dialect() instanceof PostgresDialect;
        db.execute("CREATE TABLE pages_it (id int PRIMARY KEY, body " + (type.equals("text") && !pg ? "LONGTEXT" : type)
                + ")");
        Map<Integer, String> written = new HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO pages_it VALUES (?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                String body = i % 10 == 0 ? "short " + i : Samples.html(3000, i);
                written.put(i, body);
                ps.setInt(1, i);
                if (type.equals("text")) {
                    ps.setString(2, body);
                } else {
                    ps.setBytes(2, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return written;
    }

    private static Map<Integer, String> readAll(TestDatabase db, JsonCompressor compressor, ColumnEncoding encoding)
            throws Exception {
        CompressedColumn body = compressor.column(ColumnRef.of("pages_it", "body"), encoding);
        Map<Integer, String> out = new HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT id, body FROM pages_it");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), body.read(rs, 2));
            }
        }
        return out;
    }
}
