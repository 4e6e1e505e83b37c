package io.dbopt.index.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * On MariaDB the size chart's largest tables come from the run's shared {@link SchemaTables} snapshot: the rows the
 * chart's own query ({@code table-sizes.sql}, kept under {@code src/test/resources/.../reference/mariadb}) gave, in its
 * order, on a planted database.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MariaDbSizeChartIT {

    @DialectTest(TestDialect.MARIADB)
    void listsTheLargestTablesTheQueryListed(TestDatabase db) throws Exception {
        // tables of different sizes, and more empty ones of equal size than the chart shows (ties by name, mixed
        // case), a MyISAM and an Aria table, a view and a sequence (not tables: left out)
        db.execute("CREATE TABLE Big_rows (id int PRIMARY KEY, payload varchar(200), KEY (payload))",
                "INSERT INTO Big_rows SELECT seq, repeat(md5(seq), 4) FROM seq_1_to_3000",
                "CREATE TABLE mid_rows (id int PRIMARY KEY, payload varchar(200))",
                "INSERT INTO mid_rows SELECT seq, repeat(md5(seq), 4) FROM seq_1_to_800",
                "CREATE TABLE legacy (id int PRIMARY KEY, v varchar(100)) ENGINE = MyISAM",
                "INSERT INTO legacy SELECT seq, md5(seq) FROM seq_1_to_500",
                "CREATE TABLE aria_log (id int, msg varchar(40)) ENGINE = Aria",
                "CREATE VIEW big_view AS SELECT id FROM Big_rows", "CREATE SEQUENCE order_seq",
                "ANALYZE TABLE Big_rows, mid_rows, legacy");
        for (int i = 0; i < 12; i++) {
            db.execute(String.format(Locale.ROOT, "CREATE TABLE %s_%02d (id int PRIMARY KEY)",
                    i % 2 == 0 ? "empty" : "Empty", i));
        }
        try (Connection c = db.connection()) {
            String sql;
            try (InputStream in = MariaDbSizeChartIT.class.getResourceAsStream("reference/mariadb/table-sizes.sql")) {
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<String> old = Jdbc.query(c, sql, rs -> rs.getString("table_name") + ":" + rs.getLong("table_bytes")
                    + ":" + rs.getLong("index_bytes"), db.name());
            assertThat(old).hasSize(SizeCharts.TABLE_BARS).first().asString().startsWith("Big_rows:");

            List<SizeCharts.Row> rows = SizeCharts.largest(SchemaTables.read(c, Duration.ofSeconds(30), db.dialect(),
                    db.name()));

            assertThat(rows).extracting(r -> r.table() + ":" + r.tableBytes() + ":" + r.indexBytes())
                    .containsExactlyElementsOf(old);
        }
    }
}
