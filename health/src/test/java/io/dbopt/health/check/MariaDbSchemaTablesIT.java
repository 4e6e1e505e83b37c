package io.dbopt.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.component.Health;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * MariaDB's {@code table-bloat} and {@code sequences} checks take {@code information_schema.TABLES} from one
 * {@link SchemaTables} snapshot per cycle (a doctor run's, shared with its other sections) and select from it what
 * their queries selected: the queries as they were, kept under {@code src/test/resources/.../reference/mariadb}, run
 * on the same planted database.
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MariaDbSchemaTablesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @DialectTest(TestDialect.MARIADB)
    void readsTablesOncePerCycleForBloatAndSequences(TestDatabase db) throws Exception {
        plant(db);
        List<String> sent = new CopyOnWriteArrayList<>();
        try (Connection c = recording(db.connection(), sent)) {
            CheckContext ctx = context(db, c);
            Health bloat = BloatCheck.tables(0, Long.MAX_VALUE).run(ctx);
            Health sequences = new SequenceCheck(0.5, 0.9).run(ctx);
            assertThat(bloat.findings()).isNotEmpty();
            assertThat(sequences.findings()).isNotEmpty();
        }
        // before: table-bloat, the AUTO_INCREMENT counters and the SEQUENCE objects read TABLES once each
        assertThat(sent).filteredOn(sql -> sql.toLowerCase(Locale.ROOT).contains("from information_schema.tables"))
                .hasSize(1);
    }

    @DialectTest(TestDialect.MARIADB)
    void selectsFromTheSnapshotWhatTheQueriesSelected(TestDatabase db) throws Exception {
        plant(db);
        try (Connection c = db.connection()) {
            SchemaTables tables = SchemaTables.read(c, TIMEOUT, db.dialect(), db.name());
            for (long min : new long[] {0, 1, 1L << 20, 3L << 20}) {
                List<String> old = Jdbc.query(c, reference("table-bloat"), rs -> rs.getString("schema_name") + "."
                        + rs.getString("table_name") + ":" + rs.getLong("table_bytes") + ":"
                        + rs.getLong("wasted_bytes"), min);
                assertThat(BloatCheck.wasteful(tables, min)).as("at least %d bytes free", min)
                        .extracting(t -> db.name() + "." + t.name() + ":" + (t.dataBytes() + t.indexBytes()) + ":"
                                + t.freeBytes().orElseThrow())
                        .containsExactlyElementsOf(old);
                if (min == 0) {
                    assertThat(old).hasSize(BloatCheck.MAX_TABLES) // 64 InnoDB tables: the limit applies
                            .noneMatch(r -> r.contains("Aria_") || r.contains("myisam_") || r.contains("_view")
                                    || r.contains("seq"));
                }
            }

            Map<String, BigDecimal> next = new LinkedHashMap<>();
            Jdbc.query(c, reference("auto-increment-tables"), rs -> next.put(rs.getString("table_name"),
                    rs.getBigDecimal("next_value")));
            assertThat(next).containsKeys("ids_bigint_unsigned", "myisam_counter", "Mixed_Case_ids")
                    .doesNotContainKey("ids_view");
            assertThat(SequenceCheck.nextValues(tables)).isEqualTo(next);

            List<String> sequences = Jdbc.query(c, reference("sequence-objects"), rs -> rs.getString(1));
            assertThat(sequences).hasSize(3);
            assertThat(tables.tables()).filteredOn(SchemaTables.Table::sequence).extracting(SchemaTables.Table::name)
                    .containsExactlyElementsOf(sequences);
        }
    }

    @DialectTest(TestDialect.MARIADB)
    void findsCountersAndBloatFromTheSnapshot(TestDatabase db) throws Exception {
        plant(db);
        try (Connection c = db.connection()) {
            Health sequences = new SequenceCheck(0.5, 0.9).run(context(db, c));
            assertThat(sequences.findings()).extracting(f -> f.object().name() + ":" + f.evidenceValue("value")
                    .orElseThrow()).contains("ids_bigint_unsigned.id:18446744073709551000",
                    "Mixed_Case_ids.id:29999", "myisam_counter.id:200", "`Seq Spaced`:8999");
            Health bloat = BloatCheck.tables(0, Long.MAX_VALUE).run(context(db, c));
            assertThat(bloat.findings()).hasSize(BloatCheck.MAX_TABLES).extracting(f -> f.object().name())
                    .contains("Mixed_Case_ids").doesNotContain("myisam_counter", "Aria_plain");
        }
    }

    private static CheckContext context(TestDatabase db, Connection c) {
        return new CheckContext(c, db.dialect(), db.name(), TIMEOUT, Visibility.FULL, Optional.empty());
    }

    /**
     * Base tables of three engines with AUTO_INCREMENT counters of several types near and far from their limit, a
     * view, three SEQUENCE objects (one name with a space), InnoDB tables whose mass deletes leave free space,
     * mixed-case names, and 60 small tables with equal free space (ties ordered by name, past the limit of 50).
     */
    private static void plant(TestDatabase db) {
        if (db.queryLong("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()") > 0) {
            return; // one database for the class
        }
        db.execute("CREATE TABLE ids_bigint_unsigned (id bigint unsigned AUTO_INCREMENT PRIMARY KEY, v int)"
                        + " AUTO_INCREMENT = 18446744073709551000",
                "INSERT INTO ids_bigint_unsigned (v) VALUES (1)",
                "CREATE TABLE `Mixed_Case_ids` (id smallint AUTO_INCREMENT PRIMARY KEY, v int) AUTO_INCREMENT = 30000",
                "CREATE TABLE myisam_counter (id tinyint unsigned AUTO_INCREMENT PRIMARY KEY) ENGINE = MyISAM"
                        + " AUTO_INCREMENT = 201",
                "CREATE TABLE Aria_plain (id int PRIMARY KEY, v varchar(20)) ENGINE = Aria",
                "CREATE VIEW ids_view AS SELECT id FROM ids_bigint_unsigned",
                "CREATE SEQUENCE seq_plain", "CREATE SEQUENCE `Seq Spaced` START WITH 9000 MAXVALUE 10000",
                "CREATE SEQUENCE a_seq_first",
                "CREATE TABLE Bloated_big (id int PRIMARY KEY, payload varchar(200))",
                "INSERT INTO Bloated_big SELECT seq, repeat(md5(seq), 4) FROM seq_1_to_30000",
                "DELETE FROM Bloated_big WHERE id % 10 <> 0",
                "CREATE TABLE bloated_small (id int PRIMARY KEY, payload varchar(200))",
                "INSERT INTO bloated_small SELECT seq, repeat(md5(seq), 4) FROM seq_1_to_12000",
                "DELETE FROM bloated_small WHERE id % 10 <> 0",
                "ANALYZE TABLE Bloated_big, bloated_small");
        for (int i = 0; i < 60; i++) {
            db.execute(String.format(Locale.ROOT, "CREATE TABLE %s (id int PRIMARY KEY)",
                    i % 2 == 0 ? "small_" + i : "Small_" + i));
        }
    }

    private static String reference(String name) throws IOException {
        try (InputStream in = MariaDbSchemaTablesIT.class.getResourceAsStream("reference/mariadb/" + name + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The connection, recording the text of every statement it prepares or executes. */
    private static Connection recording(Connection target, List<String> sent) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                            && args != null && args[0] instanceof String sql) {
                        sent.add(sql);
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
