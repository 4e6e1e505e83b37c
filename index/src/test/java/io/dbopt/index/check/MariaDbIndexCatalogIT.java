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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;

/**
 * MariaDB's index checks share one snapshot of the schema's indexes and foreign keys per run
 * ({@link MariaDbIndexCatalog}) and join it in Java, with the rows their catalog queries gave (the queries as they
 * were, kept under {@code src/test/resources/io/dbopt/index/check/reference}, run against the same planted schema).
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MariaDbIndexCatalogIT {

    private static final List<IndexCheck> CONVERTED = List.of(new UnusedIndexCheck(), new RarelyUsedIndexCheck(),
            new DuplicateIndexCheck(), new RedundantIndexCheck(), new ForeignKeyWithoutIndexCheck(),
            new ForeignKeyTypeMismatchCheck(), new NoPrimaryKeyCheck(), new BooleanIndexCheck(),
            new ForeignKeyDuplicateCheck(), new HeavySeqScanCheck(), new NonTransactionalEngineCheck(),
            new SequenceOverflowCheck(), new Utf8mb3ColumnCheck());

    @DialectTest(TestDialect.MARIADB)
    void readsStatisticsKeyColumnUsageTablesAndColumnsOncePerRun(TestDatabase db) throws Exception {
        plant(db);
        List<String> sent = new CopyOnWriteArrayList<>();
        try (Connection c = recording(db.connection(), sent)) {
            CheckContext ctx = context(db, c);
            for (IndexCheck check : CONVERTED) {
                assertThat(check.appliesTo(ctx.dialect())).as(check.id()).isTrue();
                check.run(ctx);
            }
        }
        // before: unused read STATISTICS and KEY_COLUMN_USAGE twice each, duplicate, redundant, fk-without-index,
        // no-primary-key and boolean STATISTICS again, fk-without-index and fk-type-mismatch KEY_COLUMN_USAGE again
        // (twice), fk-duplicate once more; boolean read COLUMNS too; seq-scan-heavy, non-transactional-engine,
        // sequence-overflow and utf8mb3-column read TABLES once each, the last two COLUMNS once each
        List<String> statements = sent.stream().map(MariaDbIndexCatalogIT::withoutComments).toList();
        assertThat(statements).filteredOn(sql -> sql.contains("information_schema.statistics")).hasSize(1);
        assertThat(statements).filteredOn(sql -> sql.contains("information_schema.key_column_usage")).hasSize(1);
        assertThat(statements).filteredOn(sql -> sql.contains("information_schema.tables")).hasSize(1);
        // COLUMNS of the one schema the keys touch, not of every database on the server
        assertThat(statements).filteredOn(sql -> sql.contains("information_schema.columns")).hasSize(1)
                .allMatch(sql -> sql.contains("table_schema = ?"));
    }

    @DialectTest(TestDialect.MARIADB)
    void joinsTheSnapshotAsTheCatalogQueriesDid(TestDatabase db) throws Exception {
        plant(db);
        try (Connection c = db.connection()) {
            CheckContext ctx = context(db, c);
            String schema = db.name();

            List<String> unused = reference(c, "unused", r -> r.getString("table_name") + "."
                    + r.getString("index_name") + ":" + r.getLong("index_bytes") + ":" + r.getString("stats_since"),
                    schema, 0L);
            assertThat(unused).hasSizeGreaterThan(3);
            assertThat(CheckSupport.dropCandidates(ctx)).extracting(d -> d.table().name() + "." + d.index() + ":"
                    + d.bytes() + ":" + d.statsSince()).containsExactlyElementsOf(unused);

            List<String> duplicates = new ArrayList<>();
            List<String[]> dupRows = reference(c, "duplicate", r -> new String[] {r.getString("table_name"),
                    r.getString("index_name"), r.getString("signature"), String.valueOf(r.getLong("index_bytes"))},
                    schema);
            for (int i = 1; i < dupRows.size(); i++) {
                if (dupRows.get(i)[2].equals(dupRows.get(i - 1)[2])) {
                    duplicates.add(dupRows.get(i)[0] + "." + dupRows.get(i)[1] + ":" + dupRows.get(i)[3]);
                }
            }
            assertThat(duplicates).hasSizeGreaterThan(1);
            assertThat(new DuplicateIndexCheck().run(ctx)).extracting(f -> name(f) + ":"
                    + f.evidenceValue("index_bytes").orElseThrow()).containsExactlyElementsOf(duplicates);

            List<String[]> shaped = reference(c, "redundant", r -> new String[] {r.getString("table_name"),
                    r.getString("index_name"), r.getString("ncols"), r.getString("non_unique"),
                    r.getString("index_type"), r.getString("column_list"), r.getString("name_rank"),
                    r.getString("index_bytes"), r.getString("shape")}, schema);
            MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
            List<String[]> mine = new ArrayList<>();
            long rank = 0;
            String last = null;
            for (MariaDbIndexCatalog.Index x : catalog.indexes()) {
                rank = x.table().equals(last) ? rank + 1 : 1;
                last = x.table();
                mine.add(new String[] {x.table(), x.name(), String.valueOf(x.columns().size()),
                        x.nonUnique() ? "1" : "0", x.type(), x.columns().stream().map(MariaDbIndexCatalog.Column::name)
                        .collect(Collectors.joining(", ")), String.valueOf(rank), String.valueOf(catalog.bytes(x))});
            }
            assertThat(mine).extracting(r -> String.join("|", List.of(r).subList(0, 8)))
                    .containsExactlyElementsOf(shaped.stream().map(r -> String.join("|", List.of(r).subList(0, 8)))
                            .toList());
            List<MariaDbIndexCatalog.Index> indexes = catalog.indexes();
            for (int i = 0; i < mine.size(); i++) {
                for (int j = 0; j < mine.size(); j++) {
                    if (mine.get(i)[0].equals(mine.get(j)[0])) {
                        assertThat(indexes.get(i).leads(indexes.get(j)))
                                .as(mine.get(i)[1] + " leads " + mine.get(j)[1])
                                .isEqualTo(leads(shaped.get(i)[8], shaped.get(j)[8]));
                        assertThat(indexes.get(i).sameColumns(indexes.get(j)))
                                .as(mine.get(i)[1] + " has the columns of " + mine.get(j)[1])
                                .isEqualTo(shaped.get(i)[8].equals(shaped.get(j)[8]));
                    }
                }
            }

            List<String> noIndex = reference(c, "fk-without-index", r -> r.getString("table_name") + "."
                    + r.getString("constraint_name") + ":" + String.join(", ", CheckSupport.jsonStrings(
                    r.getString("columns"))) + ":" + r.getLong("table_rows") + ":" + r.getLong("table_bytes"), schema);
            assertThat(noIndex).hasSize(3);
            assertThat(new ForeignKeyWithoutIndexCheck().run(ctx)).extracting(f -> name(f) + ":"
                    + f.evidenceValue("columns").orElseThrow() + ":" + f.evidenceValue("table_rows").orElseThrow()
                    + ":" + f.evidenceValue("table_bytes").orElseThrow()).containsExactlyElementsOf(noIndex);

            List<String> mismatched = reference(c, "fk-type-mismatch", r -> r.getString("table_name") + "."
                    + r.getString("constraint_name") + ":" + r.getString("column_name") + ":"
                    + r.getString("column_type") + ":" + r.getString("referenced_table") + "."
                    + r.getString("referenced_column") + ":" + r.getString("referenced_type"), schema);
            assertThat(mismatched).hasSize(2);
            assertThat(new ForeignKeyTypeMismatchCheck().run(ctx)).extracting(f -> name(f) + ":"
                    + f.evidenceValue("column").orElseThrow() + ":" + f.evidenceValue("column_type").orElseThrow()
                    + ":" + f.evidenceValue("referenced").orElseThrow() + ":"
                    + f.evidenceValue("referenced_type").orElseThrow()).containsExactlyElementsOf(mismatched);

            List<String> booleans = reference(c, "boolean", r -> r.getString("table_name") + "."
                    + r.getString("index_name") + ":" + r.getString("column_name") + ":" + r.getInt("key_position")
                    + ":" + r.getLong("index_bytes"), schema);
            assertThat(booleans).hasSize(3);
            // one finding per index, its first two-valued column
            List<String> firstPerIndex = new ArrayList<>();
            for (String b : booleans) {
                String index = b.substring(0, b.indexOf(':'));
                if (firstPerIndex.stream().noneMatch(x -> x.startsWith(index + ":"))) {
                    firstPerIndex.add(b);
                }
            }
            assertThat(new BooleanIndexCheck().run(ctx)).extracting(f -> name(f) + ":"
                    + f.evidenceValue("column").orElseThrow() + ":" + f.evidenceValue("key_position").orElseThrow()
                    + ":" + f.evidenceValue("index_bytes").orElseThrow()).containsExactlyElementsOf(firstPerIndex);

            List<String> twins = reference(c, "fk-duplicate", r -> r.getString("table_name") + "."
                    + r.getString("constraint_name") + ":" + r.getString("duplicate_of"), schema);
            assertThat(twins).hasSize(2);
            assertThat(new ForeignKeyDuplicateCheck().run(ctx)).extracting(f -> name(f) + ":"
                    + f.evidenceValue("duplicate_of").orElseThrow()).containsExactlyElementsOf(twins);

            List<String> keyless = reference(c, "no-primary-key", r -> r.getString("table_name") + ":"
                    + r.getLong("table_rows") + ":" + r.getLong("table_bytes") + ":" + r.getString("unique_index"),
                    schema);
            assertThat(keyless).hasSize(3);
            List<Finding> noPk = new NoPrimaryKeyCheck().run(ctx);
            assertThat(noPk).extracting(f -> f.object().name().substring(f.object().name().lastIndexOf('.') + 1)
                    .replace("`", "") + ":" + f.evidenceValue("table_rows").orElseThrow() + ":"
                    + f.evidenceValue("table_bytes").orElseThrow() + ":" + unique(f))
                    .containsExactlyElementsOf(keyless);
            assertThat(noPk).filteredOn(f -> f.object().name().contains("coded"))
                    .allSatisfy(f -> assertThat(f.fix().statements().get(0))
                            .contains("ADD PRIMARY KEY (code, Region)"));
        }
    }

    /** A schema with every case the converted checks join: keys, prefixes, descending and mixed-case columns. */
    private static void plant(TestDatabase db) {
        db.execute("SET SESSION foreign_key_checks = 0", "DROP VIEW IF EXISTS loose_view",
                "DROP TABLE IF EXISTS parents, pairs, children, orphans, loose, coded, bare",
                "CREATE TABLE parents (id int PRIMARY KEY, code varchar(20) NOT NULL, name varchar(40), "
                        + "UNIQUE KEY parents_code (code), UNIQUE KEY parents_name (name))",
                "CREATE TABLE pairs (a int, b int, label varchar(40), PRIMARY KEY (a, b))",
                "CREATE TABLE children (id int PRIMARY KEY, Parent_Id int, pa int, pb int, parent_code varchar(30), "
                        + "parent_name varchar(50), "
                        + "Note varchar(200), amount int, KEY children_parent_idx (Parent_Id), "
                        + "KEY children_pair_idx (pa, pb), KEY children_note_prefix (Note(10)), "
                        + "KEY children_note_full (Note), KEY children_note_amount (Note, amount), "
                        + "KEY children_amount_desc (amount DESC), KEY children_amount_asc (amount), "
                        + "KEY children_amount_asc2 (amount), UNIQUE KEY children_amount_u (amount, id), "
                        + "KEY children_amount_id (amount, id), "
                        + "CONSTRAINT children_parent_fk FOREIGN KEY (Parent_Id) REFERENCES parents (id), "
                        + "CONSTRAINT children_pair_fk FOREIGN KEY (pa, pb) REFERENCES pairs (a, b), "
                        + "CONSTRAINT children_code_fk FOREIGN KEY (parent_code) REFERENCES parents (code), "
                        + "CONSTRAINT children_name_fk FOREIGN KEY (parent_name) REFERENCES parents (name))",
                "CREATE TABLE orphans (id int PRIMARY KEY, pa int, pb int, owner int, KEY orphans_owner (owner), "
                        + "KEY orphans_owner2 (owner))",
                "ALTER TABLE orphans ADD CONSTRAINT orphans_pair_fk FOREIGN KEY (pb, pa) REFERENCES pairs (a, b), "
                        + "ADD CONSTRAINT orphans_pair_fk2 FOREIGN KEY (pb, pa) REFERENCES pairs (a, b), "
                        + "ADD CONSTRAINT orphans_pair_fk0 FOREIGN KEY (pb, pa) REFERENCES pairs (a, b), "
                        + "ADD CONSTRAINT orphans_other_fk FOREIGN KEY (pa, pb) REFERENCES pairs (a, b)",
                "CREATE TABLE loose (a int, b int, flag tinyint(1), bits bit(1), on_off BOOLEAN, KEY loose_a (a), "
                        + "KEY loose_flag (flag, a), KEY loose_a_bits (a, bits, on_off), "
                        + "UNIQUE KEY loose_u (on_off, b))",
                "CREATE TABLE coded (`Region` int NOT NULL, code varchar(10) NOT NULL, maybe int, "
                        + "UNIQUE KEY coded_maybe (maybe), UNIQUE KEY coded_z (`Region`, code), "
                        + "UNIQUE KEY coded_a (code, `Region`))",
                "CREATE TABLE bare (x int)",
                "CREATE VIEW loose_view AS SELECT a FROM loose",
                "INSERT INTO parents (id, code) VALUES (1, 'a'), (2, 'b')",
                "INSERT INTO children (id, Parent_Id, amount) VALUES (1, 1, 3), (2, 2, 4)",
                "ANALYZE TABLE parents, pairs, children, orphans, loose, coded, bare",
                "SET SESSION foreign_key_checks = 1");
        // the keys' index (InnoDB named it after one of them) dropped, with the checks off: the keys stay unindexed
        db.execute("SET SESSION foreign_key_checks = 0", "ALTER TABLE orphans DROP INDEX orphans_pair_fk0",
                "SET SESSION foreign_key_checks = 1");
    }

    private static CheckContext context(TestDatabase db, Connection c) {
        return new CheckContext(c, db.dialect(), db.name(), IndexOptions.defaults().toBuilder().unusedMinBytes(0)
                .build(), new IndexNames(db.dialect(), (t, n) -> false));
    }

    private static <T> List<T> reference(Connection c, String name, io.dbopt.core.jdbc.RowMapper<T> mapper,
                                         Object... params) throws Exception {
        String sql;
        try (InputStream in = MariaDbIndexCatalogIT.class.getResourceAsStream("reference/" + name + ".sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Jdbc.query(c, Duration.ofSeconds(60), sql, mapper, params);
    }

    /** The redundant check's rule on two shapes (the index's columns lead the other's, which has more). */
    private static boolean leads(String a, String b) {
        String open = a.substring(0, a.length() - 1);
        return b.length() > open.length() && b.startsWith(open) && b.charAt(open.length()) == ',';
    }

    private static String name(Finding f) {
        String[] parts = f.object().name().replace("`", "").split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String unique(Finding f) {
        String message = f.message();
        int at = message.indexOf("(unique index ");
        return at < 0 ? "null" : message.substring(at + "(unique index ".length(), message.indexOf(' ', at
                + "(unique index ".length()));
    }

    private static String withoutComments(String sql) {
        return sql.lines().filter(l -> !l.strip().startsWith("--")).map(l -> l.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }

    private static Connection recording(Connection target, List<String> sent) {
        return (Connection) Proxy.newProxyInstance(MariaDbIndexCatalogIT.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
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
