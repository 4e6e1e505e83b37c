package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DictionaryIT {

    private static final DbOptConfig CONFIG = DbOptConfig.of(Map.of("json", Map.of(
            "compression", Map.of("dictionary_table", "dict_it", "min_size", 200))));

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS dict_it", "DROP TABLE IF EXISTS docs_it");
    }

    @DialectTest
    void trainedDictionaryShrinksSmallDocumentsAndOldVersionsStayReadable(TestDatabase db) {
        List<String> samples = IntStream.range(0, 300).mapToObj(i -> Samples.json(1200, i)).toList();
        String fresh = Samples.json(1200, 10_000);
        try (JsonCompressor compressor = JsonCompressor.create(CONFIG, db.dataSource())) {
            int without = compressor.compress(fresh, "orders.body").length;
            DictionaryInfo first = compressor.trainDictionary("orders.body", samples);
            byte[] withFirst = compressor.compress(fresh, "orders.body");
            DictionaryInfo second = compressor.trainDictionary("orders.body", samples.subList(0, 200));
            byte[] withSecond = compressor.compress(fresh, "orders.body");

            assertThat(withFirst.length).isLessThan(without * 2 / 3);
            assertThat(second.id()).isGreaterThan(first.id());
            assertThat(compressor.dictionaries("orders.body")).extracting(DictionaryInfo::id)
                    .containsExactly(first.id(), second.id());
            assertThat(compressor.decompress(withFirst)).isEqualTo(fresh);
            assertThat(compressor.decompress(withSecond)).isEqualTo(fresh);
        }
        try (JsonCompressor other = JsonCompressor.create(CONFIG, db.dataSource())) {
            byte[] stored = other.compress(fresh, "orders.body");
            assertThat(other.decompress(stored)).isEqualTo(fresh);
        }
    }

    @DialectTest
    void deletedDictionaryIsReportedNotGuessed(TestDatabase db) {
        List<String> samples = IntStream.range(0, 200).mapToObj(i -> Samples.html(1500, i)).toList();
        byte[] stored;
        int id;
        try (JsonCompressor compressor = JsonCompressor.create(CONFIG, db.dataSource())) {
            id = compressor.trainDictionary("pages", samples).id();
            stored = compressor.compress(Samples.html(1500, 999), "pages");
        }
        db.execute("DELETE FROM dict_it");
        try (JsonCompressor compressor = JsonCompressor.create(CONFIG, db.dataSource())) {
            assertThatThrownBy(() -> compressor.decompress(stored, "pages.body"))
                    .isInstanceOf(DbOptException.class)
                    .satisfies(e -> assertThat(((DbOptException) e).errorCode())
                            .isEqualTo(JsonErrorCode.UNKNOWN_DICTIONARY))
                    .hasMessageContaining("dictionary " + id);
        }
    }

    @DialectTest
    void trainsOnAColumnAndReadsAndWritesItTransparently(TestDatabase db) throws Exception {
        boolean pg = db.dialect() instanceof io.dbopt.core.PostgresDialect;
        db.execute("CREATE TABLE docs_it (id int PRIMARY KEY, body " + (pg ? "bytea" : "LONGBLOB") + ", note "
                + (pg ? "text" : "LONGTEXT") + ")");
        try (JsonCompressor compressor = JsonCompressor.create(CONFIG, db.dataSource());
             Connection c = db.connection()) {
            CompressedColumn body = compressor.column(ColumnRef.of("docs_it", "body"), ColumnEncoding.BINARY);
            CompressedColumn note = compressor.column(ColumnRef.of("docs_it", "note"), ColumnEncoding.TEXT);
            List<String> written = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO docs_it VALUES (?, ?, ?)")) {
                for (int i = 0; i < 100; i++) {
                    String doc = Samples.json(i % 10 == 0 ? 50 : 1500, i);
                    written.add(doc);
                    ps.setInt(1, i);
                    body.write(ps, 2, doc);
                    note.write(ps, 3, doc);
                    ps.executeUpdate();
                }
            }
            DictionaryInfo trained = compressor.trainDictionary(ColumnRef.of("docs_it", "body"));
            assertThat(trained.samples()).isEqualTo(100);
            try (PreparedStatement ps = c.prepareStatement("UPDATE docs_it SET body = ? WHERE id = ?")) {
                body.write(ps, 1, written.get(1));
                ps.setInt(2, 1);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, body, note FROM docs_it ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    assertThat(body.read(rs, "body")).isEqualTo(written.get(rs.getInt("id")));
                    assertThat(note.read(rs, 3)).isEqualTo(written.get(rs.getInt("id")));
                    n++;
                }
                assertThat(n).isEqualTo(100);
            }
            assertThat(db.queryLong("SELECT count(*) FROM docs_it WHERE note LIKE '%dbz1:%'")).isEqualTo(90);
        }
    }
}
