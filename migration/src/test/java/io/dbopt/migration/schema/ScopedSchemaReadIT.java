package io.dbopt.migration.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.HostileNames;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/**
 * The scoped read a migration's snapshot uses (on PostgreSQL one round trip for the current schema and four catalog
 * queries, on MariaDB one statement for the current database and six catalog queries per table) gives the same
 * tables as the whole-schema read, inside a transaction and outside one.
 */
@DbTest
class ScopedSchemaReadIT {

    @DialectTest
    @Timeout(60)
    void scopedReadEqualsTheWholeSchemaReadOfTheSameTables(TestDatabase db, Dialect dialect, TestDialect which)
            throws Exception {
        db.execute(MigrationGeneratorIT.desiredSchema(which));
        SchemaReader reader = SchemaReader.of(dialect);
        try (Connection c = db.connection()) {
            SchemaSnapshot whole = reader.read(c);
            SchemaSnapshot scoped = reader.read(c, List.of("projects", "users", "missing"));
            assertThat(scoped.schema()).isEqualTo(whole.schema());
            assertThat(scoped.scope()).containsExactly("missing", "projects", "users");
            assertThat(scoped.tables()).hasSize(2);
            for (TableSchema t : scoped.tables()) {
                assertThat(whole.table(t.name())).contains(t);
            }
            assertThat(scoped.table("projects").orElseThrow().constraints()).isNotEmpty();
            assertThat(scoped.table("projects").orElseThrow().indexes()).isNotEmpty();
            assertThat(scoped.table("users").orElseThrow().columns()).hasSize(3);

            c.setAutoCommit(false);
            SchemaSnapshot inTransaction = reader.read(c, List.of("users"));
            c.rollback();
            assertThat(inTransaction.tables()).containsExactly(whole.table("users").orElseThrow());
        }
    }

    /**
     * The prepared scoped read looks the named tables up by index: its generic plans scan neither {@code pg_class}
     * sequentially (the constraints query hashed all of {@code pg_constraint} against a scan of {@code pg_class} that
     * evaluated the scope's setting on every row) nor {@code pg_constraint} once per index (the indexes query's test
     * for a backing constraint). Counted with the session's own per-transaction scan counters, so other sessions on
     * the server do not matter; the first read (which prepares and plans) is left out.
     */
    @DialectTest(TestDialect.POSTGRESQL)
    @Timeout(60)
    void postgresPreparedReadScansNoWholeCatalogTablePerTableOrIndex(TestDatabase db, Dialect dialect)
            throws Exception {
        for (int t = 0; t < 10; t++) {
            db.execute("CREATE TABLE scanned_" + t + " (id bigint PRIMARY KEY, name varchar(50) NOT NULL, "
                    + "qty int CHECK (qty > 0), parent_id bigint REFERENCES scanned_0 (id))");
            for (int i = 0; i < 8; i++) {
                db.execute("ALTER TABLE scanned_" + t + " ADD COLUMN c" + i + " int",
                        "CREATE INDEX scanned_" + t + "_c" + i + "_idx ON scanned_" + t + " (c" + i + ")");
            }
        }
        SchemaReader reader = SchemaReader.of(dialect);
        PreparedCatalogReads prepared = new PreparedCatalogReads();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            SchemaSnapshot first = reader.read(c, List.of("scanned_3"), Set.of(), prepared);
            long[] calibration = minus(catalogScans(c), catalogScans(c));
            long[] before = catalogScans(c);
            for (int i = 0; i < 3; i++) {
                assertThat(reader.read(c, List.of("scanned_" + (3 + i)), Set.of(), prepared).tables()).hasSize(1);
            }
            long[] spent = minus(catalogScans(c), before);
            c.rollback();
            assertThat(spent[0] - calibration[0]).as("sequential scans of pg_class in 3 reads").isZero();
            assertThat(spent[1] - calibration[1]).as("sequential scans of pg_constraint in 3 reads")
                    .isLessThanOrEqualTo(3);
            TableSchema read = first.table("scanned_3").orElseThrow();
            assertThat(read.indexes()).hasSize(8);
            assertThat(read.constraints()).hasSize(3);
            assertThat(first).isEqualTo(reader.read(c, List.of("scanned_3")));
        }
    }

    /** This transaction's sequential scans of pg_class and pg_constraint so far. */
    private static long[] catalogScans(Connection c) throws Exception {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT pg_stat_get_xact_numscans("
                + "'pg_catalog.pg_class'::regclass), pg_stat_get_xact_numscans('pg_catalog.pg_constraint'::regclass)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /**
     * The read with the catalog queries prepared on the server gives the same snapshot as the plain scoped read,
     * for hostile table names too (they travel as a literal array in the {@code EXECUTE}), on the first read (which
     * prepares) and on later ones (which only execute), in a transaction that rolls back too (prepared statements
     * outlive it); a forgotten state looks the session up again without preparing twice.
     */
    @DialectTest(TestDialect.POSTGRESQL)
    @Timeout(60)
    void postgresPreparedReadEqualsThePlainScopedReadForHostileNames(TestDatabase db, Dialect dialect)
            throws Exception {
        List<String> scope = new ArrayList<>(List.of("audited"));
        db.execute("CREATE TABLE audited (id int PRIMARY KEY, touched int NOT NULL DEFAULT 0 CHECK (touched >= 0))");
        for (String name : HostileNames.holdable(db)) {
            String q = dialect.quote(name);
            db.execute("CREATE TABLE " + q + " (id int PRIMARY KEY, " + q + " int DEFAULT 7 CHECK (" + q + " > 0), "
                    + "a_id int REFERENCES audited (id))", "CREATE INDEX ON " + q + " (" + q + ")");
            scope.add(name);
        }
        scope.add("missing 'one\\");
        SchemaReader reader = SchemaReader.of(dialect);
        PreparedCatalogReads prepared = new PreparedCatalogReads();
        try (Connection c = db.connection()) {
            SchemaSnapshot plain = reader.read(c, scope, Set.of());
            assertThat(plain.tables()).hasSize(scope.size() - 1);
            for (int i = 0; i < 3; i++) {
                c.setAutoCommit(i != 1);
                assertThat(reader.read(c, scope, Set.of(), prepared)).isEqualTo(plain);
                if (i == 1) {
                    c.rollback();
                }
            }
            prepared.forget();
            assertThat(reader.read(c, List.of("audited", "missing"), Set.of("missing"), prepared))
                    .isEqualTo(reader.read(c, List.of("audited", "missing"), Set.of("missing")));
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM pg_prepared_statements "
                    + "WHERE from_sql AND name LIKE 'dbopt%'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(4);
            }
        }
    }

    @DialectTest(TestDialect.MARIADB)
    @Timeout(180)
    void mariaDbReadsManyTablesInOneStatementExactlyAsEachTableAlone(TestDatabase db, Dialect dialect)
            throws Exception {
        db.execute("CREATE TABLE parent (id int AUTO_INCREMENT, code varchar(20) NOT NULL, region char(2) NOT NULL "
                        + "DEFAULT 'eu', PRIMARY KEY (id, region), UNIQUE KEY parent_code_uq (code))",
                "CREATE TABLE child (id bigint PRIMARY KEY, parent_id int, parent_region char(2), note text, qty int "
                        + "DEFAULT 1, CONSTRAINT child_parent_fk FOREIGN KEY (parent_id, parent_region) REFERENCES "
                        + "parent (id, region) ON DELETE SET NULL, CONSTRAINT qty_positive CHECK (qty > 0), "
                        + "KEY child_note_idx (note(30), qty))",
                "CREATE TABLE audited (id int PRIMARY KEY, touched int NOT NULL DEFAULT 0)",
                "CREATE TRIGGER audited_touch BEFORE UPDATE ON audited FOR EACH ROW SET NEW.touched = OLD.touched + 1",
                "CREATE TABLE parted (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at), KEY parted_at_idx (at)) "
                        + "PARTITION BY RANGE (YEAR(at)) (PARTITION p0 VALUES LESS THAN (2000), "
                        + "PARTITION p1 VALUES LESS THAN MAXVALUE)",
                "CREATE VIEW child_ids AS SELECT id FROM child");
        List<String> scope = new ArrayList<>(List.of("parent", "child", "audited", "parted", "missing",
                "emoji \uD83D\uDE00"));
        List<String> hostile = HostileNames.holdable(db);
        for (String name : hostile) {
            String q = dialect.quote(name);
            db.execute("CREATE TABLE " + q + " (id int PRIMARY KEY, " + q + " int DEFAULT 7, CONSTRAINT " + q
                    + " CHECK (" + q + " > 0), KEY " + q + " (" + q + "), CONSTRAINT " + dialect.quote(name.substring(1))
                    + " FOREIGN KEY (id) REFERENCES audited (id) ON DELETE CASCADE)");
            scope.add(name);
        }
        for (int i = scope.size(); i <= MariaDbCatalog.TABLES_PER_STATEMENT + 5; i++) {
            db.execute("CREATE TABLE filler_" + i + " (id int PRIMARY KEY, v varchar(10), KEY filler_" + i + "_v (v))");
            scope.add("filler_" + i);
        }
        SchemaReader reader = SchemaReader.of(dialect);
        try (Connection c = db.connection()) {
            AtomicInteger statements = new AtomicInteger();
            SchemaSnapshot scoped = reader.read(counting(c, statements), scope);
            SchemaSnapshot whole = reader.read(c);

            assertThat(statements).as("statements for %d tables", scope.size()).hasValue(2);
            assertThat(scoped.schema()).isEqualTo(whole.schema());
            // the class's database also holds the other test's tables
            assertThat(scoped.tables()).hasSize(scope.size() - 2)
                    .isEqualTo(whole.tables().stream().filter(t -> scope.contains(t.name())).toList());
            for (String name : scope) {
                statements.set(0);
                SchemaSnapshot alone = reader.read(counting(c, statements), List.of(name));
                assertThat(statements).as("statements for %s", name).hasValue(1);
                assertThat(alone.tables()).as(name).isEqualTo(scoped.table(name).stream().toList());
            }
            TableSchema child = scoped.table("child").orElseThrow();
            assertThat(child.indexes()).anyMatch(i -> i.columns().equals(List.of("note(30)", "qty")));
            assertThat(child.constraints()).anyMatch(k -> k.name().equals("child_parent_fk")
                    && k.columns().equals(List.of("parent_id", "parent_region"))
                    && k.onDelete().equals(java.util.Optional.of("SET NULL")));
            assertThat(child.constraints()).anyMatch(k -> k.name().equals("qty_positive"));
            assertThat(scoped.table("parted").orElseThrow().indexes()).hasSize(1);
            assertThat(scoped.table(hostile.get(0)).orElseThrow().constraints()).hasSize(3);
            assertThat(scoped.table(hostile.get(0)).orElseThrow().indexes()).hasSize(1);
        }
    }

    /**
     * The scoped read sorts its rows itself: the server sorts nothing and writes no temporary table for the union, so
     * a table costs the two on-disk temporary tables of its {@code COLUMNS} and {@code CHECK_CONSTRAINTS} lookups
     * ({@code longtext} columns) and no third one for an {@code ORDER BY} over the union, which the read had before
     * (counted in the session's own status, with what a status read itself costs subtracted); the content is still
     * the whole read's.
     */
    @DialectTest(TestDialect.MARIADB)
    @Timeout(60)
    void mariaDbScopedReadSortsNothingOnTheServer(TestDatabase db, Dialect dialect) throws Exception {
        db.execute("CREATE TABLE sorted_parent (id int PRIMARY KEY)",
                "CREATE TABLE sorted_child (id int PRIMARY KEY, parent_id int, qty int DEFAULT 1, note text, "
                        + "CONSTRAINT sorted_child_fk FOREIGN KEY (parent_id) REFERENCES sorted_parent (id), "
                        + "CONSTRAINT sorted_qty CHECK (qty > 0), KEY sorted_note (note(10), qty))",
                "ALTER TABLE sorted_child ADD COLUMN added int, ADD KEY sorted_added (added, parent_id)");
        SchemaReader reader = SchemaReader.of(dialect);
        try (Connection c = db.connection()) {
            long[] calibration = minus(sessionStatus(c), sessionStatus(c));
            long[] before = sessionStatus(c);
            SchemaSnapshot scoped = reader.read(c, List.of("sorted_child"));
            long[] spent = minus(sessionStatus(c), before);
            for (int i = 0; i < spent.length; i++) {
                spent[i] -= calibration[i];
            }
            assertThat(spent[0]).as("rows sorted by the server").isZero();
            assertThat(spent[1]).as("temporary tables on disk").isLessThanOrEqualTo(2);
            assertThat(scoped.tables()).containsExactly(reader.read(c).table("sorted_child").orElseThrow());
        }
    }

    /**
     * A scoped read with a side query gives the snapshot the plain scoped read gives and the side query's rows in
     * their position order; on MariaDB both come from one statement, and the side branch (an ordinary table, merged
     * derived table) adds no temporary table on disk to the read's two.
     */
    @DialectTest
    @Timeout(60)
    void aSideQueryIsAnsweredWithTheScopedRead(TestDatabase db, Dialect dialect) throws Exception {
        db.execute("CREATE TABLE side_items (id int PRIMARY KEY, qty int DEFAULT 1, note varchar(20), "
                        + "CONSTRAINT side_qty CHECK (qty > 0))",
                "CREATE TABLE side_state (owner varchar(10) NOT NULL, seq int NOT NULL, body "
                        + (dialect instanceof PostgresDialect ? "text" : "longtext")
                        + " NOT NULL, PRIMARY KEY (owner, seq))",
                "INSERT INTO side_state VALUES ('a', 2, 'second'), ('a', 1, 'first'), ('a', 10, 'tenth'), "
                        + "('b', 1, 'other')");
        SchemaReader reader = SchemaReader.of(dialect);
        SideQuery side = new SideQuery("SELECT seq AS side_position, body AS side_text FROM "
                + dialect.quote("side_state") + " WHERE owner = ?", List.of("a"));
        try (Connection c = db.connection()) {
            boolean mariaDb = !(dialect instanceof PostgresDialect);
            AtomicInteger statements = new AtomicInteger();
            long[] calibration = mariaDb ? minus(sessionStatus(c), sessionStatus(c)) : new long[2];
            long[] before = mariaDb ? sessionStatus(c) : new long[2];
            SideReadSnapshot read = reader.read(counting(c, statements), List.of("side_items", "side_missing"), side);
            long[] spent = mariaDb ? minus(sessionStatus(c), before) : new long[2];

            long[] plainBefore = mariaDb ? sessionStatus(c) : new long[2];
            SchemaSnapshot plain = reader.read(c, List.of("side_items", "side_missing"));
            long[] plainSpent = mariaDb ? minus(sessionStatus(c), plainBefore) : new long[2];

            assertThat(read.sideRows()).containsExactly("first", "second", "tenth");
            assertThat(read.snapshot()).isEqualTo(plain);
            if (mariaDb) {
                assertThat(statements.get()).as("statements").isEqualTo(1);
                assertThat(spent[1] - calibration[1]).as("temporary tables on disk")
                        .isEqualTo(plainSpent[1] - calibration[1]);
                assertThat(spent[0] - calibration[0]).as("rows sorted by the server").isZero();
            }
        }
    }

    /** The session's Sort_rows and Created_tmp_disk_tables. */
    private static long[] sessionStatus(Connection c) throws Exception {
        long[] values = new long[2];
        try (var s = c.createStatement(); var rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN "
                + "('Sort_rows', 'Created_tmp_disk_tables')")) {
            while (rs.next()) {
                values[rs.getString(1).equals("Sort_rows") ? 0 : 1] = rs.getLong(2);
            }
        }
        return values;
    }

    private static long[] minus(long[] after, long[] before) {
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    /** The connection, counting the statements prepared or created on it (each one round trip or more). */
    private static Connection counting(Connection c, AtomicInteger statements) {
        Set<String> creating = Set.of("prepareStatement", "createStatement", "prepareCall");
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (creating.contains(method.getName())) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
