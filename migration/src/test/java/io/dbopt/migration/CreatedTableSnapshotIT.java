package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot before a migration that runs in one transaction (PostgreSQL) does not read the catalog for tables
 * the script creates before anything else touches them: they are recorded absent, which is what they were if the
 * migration commits; if it fails, it rolls back whole. Undo and rollback work as with the read. Where DDL commits on
 * its own (MariaDB) the catalog is still read for them.
 */
@DbTest
@Timeout(120)
class CreatedTableSnapshotIT {

    private static final String CREATE_ORDERS = """
            CREATE TABLE cs_orders (id bigint PRIMARY KEY, name varchar(50) NOT NULL);
            CREATE INDEX cs_orders_name_idx ON cs_orders (name);
            ALTER TABLE cs_orders ADD COLUMN note varchar(100);
            """;

    @DialectTest(TestDialect.POSTGRESQL)
    void aMigrationCreatingItsTableSendsNoCatalogReadAndStillRollsBack(TestDatabase db, @TempDir Path dir)
            throws SQLException {
        Path folder = Scripts.write(dir, "core", "V1__orders.sql", CREATE_ORDERS);
        Recorder recorder = new Recorder(db.dataSource());
        MigrationFramework framework = framework(recorder.dataSource(), folder);
        SchemaSnapshot before = framework.snapshot();
        SchemaSnapshot scopedRead;
        try (Connection c = db.connection()) {
            scopedRead = SchemaReader.of(db.dialect()).read(c, List.of("cs_orders"));
        }
        recorder.clear();

        MigrateReport report = framework.migrate();

        assertThat(report.applied()).singleElement().satisfies(a -> assertThat(a.undoComplete()).isTrue());
        assertThat(recorder.catalogReads()).as(String.join("\n", recorder.statements)).isEmpty();
        // the stored snapshot is the one the read would have given: the table absent, in the current schema
        assertThat(storedSnapshot(db, "1")).isEqualTo(scopedRead);

        RollbackReport undone = framework.rollback("core", RollbackTarget.count(1));

        assertThat(undone.undone()).singleElement().satisfies(u -> assertThat(u.statements())
                .anyMatch(s -> s.toUpperCase(Locale.ROOT).startsWith("DROP TABLE")));
        assertThat(SchemaDiff.between(framework.snapshot(), before).describe()).isEmpty();
        assertThat(framework.migrate().appliedCount()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM cs_orders")).isZero();
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void onlyTheTablesTheScriptDidNotCreateFirstAreRead(TestDatabase db, @TempDir Path dir) {
        Path folder = Scripts.write(dir, "core", "V1__orders.sql", CREATE_ORDERS,
                "V2__lines.sql", """
                        ALTER TABLE cs_orders ADD COLUMN total numeric(12,2);
                        CREATE TABLE cs_lines (id bigint PRIMARY KEY, order_id bigint NOT NULL);
                        CREATE INDEX cs_lines_order_idx ON cs_lines (order_id);
                        """,
                "V3__again.sql", """
                        DROP TABLE cs_lines;
                        CREATE TABLE cs_lines (id bigint PRIMARY KEY);
                        """);
        Recorder recorder = new Recorder(db.dataSource());
        MigrationFramework framework = framework(recorder.dataSource(), folder);
        framework.migrate("core", "1");
        SchemaSnapshot afterV1 = framework.snapshot();
        recorder.clear();

        framework.migrate("core", "2");

        // one catalog read, for the table that existed; the new table was not looked up
        assertThat(recorder.catalogReads()).as(String.join("\n", recorder.statements)).hasSize(1);
        assertThat(recorder.arrays).containsExactly(List.of("cs_orders"));
        framework.rollback("core", RollbackTarget.count(1));
        assertThat(SchemaDiff.between(framework.snapshot(), afterV1).describe()).isEmpty();
        framework.migrate("core", "2");
        recorder.clear();

        // a table the script drops before creating it again existed before: it is read
        framework.migrate();

        assertThat(recorder.catalogReads()).hasSize(1);
        assertThat(recorder.arrays).containsExactly(List.of("cs_lines"));
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void aScriptCreatingATableThatExistsFailsAndLeavesNoState(TestDatabase db, @TempDir Path dir) {
        Path folder = Scripts.write(dir, "core", "V1__orders.sql", CREATE_ORDERS,
                "V2__twice.sql", """
                        CREATE TABLE cs_other (id bigint PRIMARY KEY);
                        CREATE TABLE cs_orders (id bigint PRIMARY KEY);
                        """);
        MigrationFramework framework = framework(db.dataSource(), folder);
        framework.migrate("core", "1");
        SchemaSnapshot before = framework.snapshot();

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, framework::migrate);

        assertThat(failed.failure().transactional()).isTrue();
        assertThat(failed.failure().restored()).isTrue();
        assertThat(SchemaDiff.between(framework.snapshot(), before).describe()).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM dbopt_migration_state WHERE set_name = 'core' AND version = '2'"))
                .isZero();
    }

    @DialectTest(TestDialect.MARIADB)
    void whereDdlCommitsOnItsOwnTheCreatedTableIsStillRead(TestDatabase db, @TempDir Path dir) {
        Path folder = Scripts.write(dir, "core", "V1__orders.sql", CREATE_ORDERS);
        Recorder recorder = new Recorder(db.dataSource());
        MigrationFramework framework = framework(recorder.dataSource(), folder);

        framework.migrate();

        assertThat(recorder.catalogReads()).as(String.join("\n", recorder.statements)).hasSize(1);
    }

    private static SchemaSnapshot storedSnapshot(TestDatabase db, String version) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT body FROM "
                + "dbopt_migration_state WHERE set_name = 'core' AND version = ? AND kind = 'snapshot'")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a stored snapshot of V" + version).isTrue();
                return SchemaSnapshot.fromJson(rs.getString(1));
            }
        }
    }

    private static MigrationFramework framework(DataSource dataSource, Path folder) {
        return MigrationFramework.configure().dataSource(dataSource)
                .set(MigrationSet.builder("core").location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(5)).lockWait(Duration.ofSeconds(60)).load();
    }

    /** A data source recording every statement text it is asked to run and the elements of every array it makes. */
    private static final class Recorder {
        private final DataSource target;
        final List<String> statements = Collections.synchronizedList(new ArrayList<>());
        final List<List<Object>> arrays = Collections.synchronizedList(new ArrayList<>());

        Recorder(DataSource target) {
            this.target = target;
        }

        DataSource dataSource() {
            return wrap(target, DataSource.class);
        }

        void clear() {
            statements.clear();
            arrays.clear();
        }

        /**
         * The scoped catalog reads of the snapshot: the column queries (PostgreSQL pg_attribute, or the execute of
         * the prepared one; MariaDB COLUMNS).
         */
        List<String> catalogReads() {
            return statements.stream().filter(s -> s.contains("pg_attribute") && !s.contains("EXECUTE dbopt_scoped_")
                    || s.contains("EXECUTE dbopt_scoped_columns_")
                    || s.contains("information_schema.COLUMNS") && s.contains("UNION ALL")).toList();
        }

        @SuppressWarnings("unchecked")
        private <T> T wrap(Object object, Class<T> type) {
            return (T) Proxy.newProxyInstance(CreatedTableSnapshotIT.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        if ((name.equals("prepareStatement") || name.equals("prepareCall") || name.startsWith("execute"))
                                && args != null && args.length > 0 && args[0] instanceof String sql) {
                            statements.add(sql);
                        }
                        if (name.equals("createArrayOf") && args != null && args[1] instanceof Object[] elements) {
                            arrays.add(Arrays.asList(elements));
                        }
                        Object result;
                        try {
                            result = method.invoke(object, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (result instanceof PreparedStatement s && !(result instanceof java.sql.CallableStatement)) {
                            return wrap(s, PreparedStatement.class);
                        } else if (result instanceof Statement s && !(result instanceof PreparedStatement)) {
                            return wrap(s, Statement.class);
                        } else if (result instanceof Connection c) {
                            return wrap(c, Connection.class);
                        }
                        return result;
                    });
        }
    }
}
