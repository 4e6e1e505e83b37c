package io.dbopt.index.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.ddl.IndexNames;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * MariaDB's table-level checks (index.non-transactional-engine, index.utf8mb3-column, index.sequence-overflow,
 * index.seq-scan-heavy) take tables and columns from the run's {@link MariaDbIndexCatalog} instead of reading
 * {@code information_schema.TABLES} and {@code COLUMNS} each: their findings are the rows their queries gave (the
 * queries as they were, kept under {@code src/test/resources/io/dbopt/index/check/reference}), row for row, on a
 * planted schema with MyISAM and Aria tables, utf8mb3 columns, AUTO_INCREMENT columns of every integer type close
 * to their maximum, views and mixed-case names. The utf8mb3 columns of a table compare as a set: the query's order
 * was the server's sort order, the check's is the columns' position.
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MariaDbTableChecksIT {

    @DialectTest(TestDialect.MARIADB)
    void findsWhatTheTableQueriesFound(TestDatabase db) throws Exception {
        plant(db);
        try (Connection c = db.connection()) {
            CheckContext ctx = new CheckContext(c, db.dialect(), db.name(), IndexOptions.defaults().toBuilder()
                    .sequenceUsedShare(0.8).seqScanMinRows(1).seqScanMinCount(1).build(),
                    new IndexNames(db.dialect(), (t, n) -> false));
            String schema = db.name();

            List<String> engines = reference(c, "non-transactional-engine", r -> r.getString("table_name") + ":"
                    + r.getString("engine") + ":" + r.getLong("table_rows") + ":" + r.getLong("table_bytes"), schema);
            assertThat(engines).hasSize(3);
            assertThat(new NonTransactionalEngineCheck().run(ctx)).extracting(f -> table(f) + ":"
                    + f.evidenceValue("engine").orElseThrow() + ":" + f.evidenceValue("table_rows").orElseThrow()
                    + ":" + f.evidenceValue("table_bytes").orElseThrow()).containsExactlyElementsOf(engines);

            // the query's JSON_ARRAYAGG had no ORDER BY: its columns came in the server's sort order, which at
            // 1,000 tables was not the same from one table to the next; the check lists them by position
            List<String> mb3 = reference(c, "utf8mb3-column", r -> r.getString("table_name") + ":"
                    + String.join(", ", CheckSupport.jsonStrings(r.getString("columns")).stream().sorted().toList()),
                    schema);
            assertThat(mb3).hasSize(2).anyMatch(s -> s.contains(", "));
            List<Finding> mb3Findings = new Utf8mb3ColumnCheck().run(ctx);
            assertThat(mb3Findings).extracting(f -> table(f) + ":" + String.join(", ", List.of(String.valueOf(
                    f.evidenceValue("columns").orElseThrow()).split(", ")).stream().sorted().toList()))
                    .containsExactlyElementsOf(mb3);
            assertThat(mb3Findings).filteredOn(f -> table(f).equals("Mb3Mixed"))
                    .extracting(f -> f.evidenceValue("columns").orElseThrow()).containsExactly("Zed, Beta");

            List<String> used = reference(c, "sequence-overflow", r -> ctx.dialect().quote(r.getString(
                    "schema_name"), r.getString("table_name")) + "." + ctx.dialect().quote(r.getString(
                    "column_name")) + ":" + r.getString("column_type") + ":" + r.getString("last_value") + ":"
                    + r.getString("max_value") + ":" + r.getDouble("used_share"), schema, 0.8);
            assertThat(used).hasSize(9);
            assertThat(new SequenceOverflowCheck().run(ctx)).extracting(f -> f.object().name() + ":"
                    + f.evidenceValue("type").orElseThrow() + ":" + f.evidenceValue("last_value").orElseThrow() + ":"
                    + f.evidenceValue("max_value").orElseThrow() + ":" + f.evidenceValue("used_share").orElseThrow())
                    .containsExactlyElementsOf(used);

            // the old check: the query's tables joined to the usage counters as before (most rows read first)
            IndexUsage usage = ctx.usage();
            record Scanned(String line, long rowsRead) {
            }
            List<Scanned> scanned = new ArrayList<>();
            for (List<Scanned> perTable : reference(c, "seq-scan", r -> {
                String t = r.getString("table_name");
                long rows = r.getLong("table_rows");
                List<Scanned> out = new ArrayList<>();
                for (IndexUsage.FullReads full : usage.fullReads(t)) {
                    long scans = full.rows() / Math.max(rows, 1);
                    if (scans >= 1) {
                        out.add(new Scanned(t + ":" + scans + ":" + full.rows() + ":" + usage.indexReads(t) + ":"
                                + rows + ":" + r.getLong("table_bytes"), full.rows()));
                    }
                }
                return out;
            }, schema, 1L)) {
                scanned.addAll(perTable);
            }
            scanned.sort((a, b) -> Long.compare(b.rowsRead(), a.rowsRead()));
            assertThat(scanned).hasSizeGreaterThanOrEqualTo(2);
            assertThat(new HeavySeqScanCheck().run(ctx)).extracting(f -> table(f) + ":"
                    + f.evidenceValue("seq_scans").orElseThrow() + ":" + f.evidenceValue("rows_read").orElseThrow()
                    + ":" + f.evidenceValue("index_scans").orElseThrow() + ":"
                    + f.evidenceValue("table_rows").orElseThrow() + ":" + f.evidenceValue("table_bytes").orElseThrow())
                    .containsExactlyElementsOf(scanned.stream().map(Scanned::line).toList());

            // the snapshot's tables now come from core's SchemaTables (one read a doctor run shares with its size
            // chart and Health section): the rows the index module's own query gave, in its order
            List<String> tables = reference(c, "catalog-tables", r -> r.getString("table_name") + ":"
                    + r.getBoolean("base_table") + ":" + r.getString("engine") + ":" + r.getBoolean("rows_known") + ":"
                    + r.getLong("table_rows") + ":" + r.getLong("data_length") + ":" + r.getLong("index_length") + ":"
                    + r.getString("auto_increment"), schema);
            assertThat(tables).hasSize(17).anyMatch(t -> t.startsWith("legacy_view:false:null:false:0:0:0:null"));
            assertThat(MariaDbIndexCatalog.of(ctx).tables()).extracting(t -> t.name() + ":" + t.base() + ":"
                    + t.engine() + ":" + t.rowsKnown() + ":" + t.rows() + ":" + t.dataBytes() + ":" + t.indexBytes()
                    + ":" + t.autoIncrement()).containsExactlyElementsOf(tables);
        }
    }

    /** Every case the four queries cared about; names of mixed case, and ties the server's collation orders. */
    private static void plant(TestDatabase db) {
        db.execute("CREATE TABLE LegacyBooks (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, v int, "
                        + "title varchar(40)) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 AUTO_INCREMENT=2000000000",
                "CREATE TABLE aria_Log (id int, msg varchar(40)) ENGINE=Aria DEFAULT CHARSET=utf8mb3",
                "CREATE TABLE bare_myisam (x int) ENGINE=MyISAM",
                "CREATE TABLE plain (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, v int) ENGINE=InnoDB",
                "CREATE TABLE Mb3Mixed (id int PRIMARY KEY, Zed varchar(20) CHARACTER SET utf8mb3, "
                        + "alpha varchar(20), Beta text CHARACTER SET utf8, n int) ENGINE=InnoDB "
                        + "DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE tiny_signed (id tinyint NOT NULL AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT=120",
                "CREATE TABLE TinyUnsigned (id tinyint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY) "
                        + "AUTO_INCREMENT=250",
                // 26213 / 32767 = 0.79998: the server's 4 decimals make it 0.8000, which reaches the threshold
                "CREATE TABLE small_edge (id smallint NOT NULL AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT=26214",
                "CREATE TABLE small_below (id smallint NOT NULL AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT=26210",
                "CREATE TABLE medium_u (id mediumint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY) "
                        + "AUTO_INCREMENT=16000000",
                "CREATE TABLE Int_Full (id int NOT NULL AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT=2147483647",
                "CREATE TABLE alpha_full (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY) "
                        + "AUTO_INCREMENT=4294967295",
                "CREATE TABLE big_signed (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY) "
                        + "AUTO_INCREMENT=9000000000000000000",
                "CREATE TABLE big_unsigned (k int, id bigint unsigned NOT NULL AUTO_INCREMENT, KEY (id)) "
                        + "AUTO_INCREMENT=18000000000000000000",
                "CREATE VIEW legacy_view AS SELECT id, title FROM LegacyBooks",
                "CREATE VIEW mb3_view AS SELECT Zed, Beta FROM Mb3Mixed",
                "CREATE VIEW full_view AS SELECT id FROM Int_Full",
                "INSERT INTO LegacyBooks (id, v, title) VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c'), (4, 4, 'd')",
                "ALTER TABLE LegacyBooks AUTO_INCREMENT=2000000000",
                "INSERT INTO aria_Log VALUES (1, 'x'), (2, 'y')",
                "INSERT INTO plain (v) VALUES (1), (2), (3), (4), (5), (6), (7), (8)",
                "ANALYZE TABLE LegacyBooks, aria_Log, bare_myisam, plain, Mb3Mixed");
        for (int i = 0; i < 6; i++) {
            db.execute("SELECT count(*) FROM plain WHERE v = " + i, "SELECT count(*) FROM LegacyBooks WHERE v = " + i,
                    "SELECT count(*) FROM aria_Log WHERE msg = 'z'");
        }
    }

    private static <T> List<T> reference(Connection c, String name, io.dbopt.core.jdbc.RowMapper<T> mapper,
                                         Object... params) throws Exception {
        String sql;
        try (InputStream in = MariaDbTableChecksIT.class.getResourceAsStream("reference/" + name + ".sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Jdbc.query(c, Duration.ofSeconds(60), sql, mapper, params);
    }

    private static String table(Finding f) {
        String name = f.object().name();
        return name.substring(name.lastIndexOf('.') + 1).replace("`", "");
    }
}
