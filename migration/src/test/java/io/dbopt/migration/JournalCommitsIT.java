package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MariaDB journal's commits (each a durable redo-log flush): a migration of N statements costs N of them (one
 * progress row per statement, the first written with the snapshot and the undo; a migration without statements
 * writes those in the transaction in which Flyway records it); its progress rows are removed in the transaction in
 * which Flyway records the migration as applied, so a migrator that dies at that point leaves them for the next one,
 * which compensates and runs the migration again.
 */
@DbTest
@Timeout(120)
class JournalCommitsIT {

    private static final String THREE_STATEMENTS = """
            CREATE TABLE jc_items (id bigint PRIMARY KEY, name varchar(50) NOT NULL);
            CREATE INDEX jc_items_name_idx ON jc_items (name);
            ALTER TABLE jc_items ADD COLUMN note varchar(100);
            """;

    @DialectTest(TestDialect.MARIADB)
    void aMigrationOfThreeStatementsCommitsTheJournalThreeTimes(TestDatabase db, @TempDir Path dir) {
        Path folder = Scripts.write(dir, "core",
                "V1__items.sql", THREE_STATEMENTS,
                "V2__more.sql", """
                        CREATE TABLE jc_more (id bigint PRIMARY KEY);
                        ALTER TABLE jc_items ADD COLUMN extra int;
                        """,
                "V3__nothing.sql", "-- no statement\n");
        Recorder recorder = new Recorder(db.dataSource(), false);

        assertThat(framework(recorder.dataSource(), "core", folder).migrate().appliedCount()).isEqualTo(3);

        // autocommitted writes to the state table: the journal's own commits, the snapshot and the undo with the
        // first progress row
        assertThat(recorder.autocommittedStateWrites()).as(String.join("\n", recorder.events))
                .containsExactly(
                        "INSERT set=core version=1 kinds=snapshot,undo,progress", "INSERT progress 2",
                        "INSERT progress 3",
                        "INSERT set=core version=2 kinds=snapshot,undo,progress", "INSERT progress 2");
        // a migration without statements records its snapshot and undo in the history row's transaction
        assertThat(recorder.events).containsSubsequence("tx INSERT set=core version=3 kinds=snapshot,undo",
                "tx INSERT history", "commit");
        assertThat(db.queryLong("SELECT count(*) FROM dbopt_migration_state WHERE set_name = 'core' "
                + "AND kind IN ('snapshot', 'undo')")).isEqualTo(6);
        // the progress delete is sent on Flyway's connection inside the transaction that records the history row
        assertThat(recorder.events).containsSubsequence("tx DELETE state progress", "tx INSERT history", "commit");
        assertThat(db.queryLong("SELECT count(*) FROM dbopt_migration_state WHERE set_name = 'core' AND kind = 'progress'")).isZero();
    }

    @DialectTest(TestDialect.MARIADB)
    void theCheckForADeadMigratorsProgressRidesTheSnapshotStatement(TestDatabase db, @TempDir Path dir) {
        Path folder = Scripts.write(dir, "probe",
                "V1__items.sql", THREE_STATEMENTS.replace("jc_items", "jc_probe"),
                "V2__more.sql", """
                        ALTER TABLE jc_probe ADD COLUMN extra int;
                        CREATE INDEX jc_probe_extra_idx ON jc_probe (extra);
                        """);
        Recorder recorder = new Recorder(db.dataSource(), false);

        assertThat(framework(recorder.dataSource(), "probe", folder).migrate().appliedCount()).isEqualTo(2);

        // before each migration: one statement reads the catalog and the state table together, none reads the state
        // table alone (it was one more round trip per migration, on the journal connection)
        assertThat(recorder.events).as(String.join("\n", recorder.events))
                .filteredOn(e -> e.endsWith("read state")).isEmpty();
        assertThat(recorder.events).filteredOn(e -> e.endsWith("read catalog and state")).hasSize(2);
    }

    @DialectTest(TestDialect.MARIADB)
    void aMigratorDyingWhileRecordingTheHistoryRowLeavesItsProgressForTheNextOne(TestDatabase db,
                                                                               @TempDir Path dir) {
        Path folder = Scripts.write(dir, "dying", "V1__items.sql",
                THREE_STATEMENTS.replace("jc_items", "jc_dying"));
        Recorder dying = new Recorder(db.dataSource(), true);

        assertThat(catchThrowable(() -> framework(dying.dataSource(), "dying", folder).migrate()))
                .as(String.join("\n", dying.events)).isNotNull();

        // every statement ran and committed, the history does not know it: the progress rows must say so
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'jc_dying' AND COLUMN_NAME = 'note'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM dbopt_migration_state WHERE set_name = 'dying' AND kind = 'progress'")).isEqualTo(3);

        MigrateReport report = framework(db.dataSource(), "dying", folder).migrate();

        assertThat(report.applied()).singleElement().satisfies(a -> assertThat(a.recoveredStatements())
                .hasSize(3));
        assertThat(db.queryLong("SELECT count(*) FROM jc_dying")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM dbopt_migration_state WHERE set_name = 'dying' AND kind = 'progress'")).isZero();
        assertThat(framework(db.dataSource(), "dying", folder).info().set("dying").revisions())
                .extracting(r -> r.version() + " " + r.state()).containsExactly("1 APPLIED");
    }

    private static MigrationFramework framework(DataSource dataSource, String set, Path folder) {
        return MigrationFramework.configure().dataSource(dataSource)
                .set(MigrationSet.builder(set).location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(5)).lockWait(Duration.ofSeconds(60)).load();
    }

    /**
     * A data source recording, per connection, the writes to the state table and the history table with whether
     * they ran in autocommit mode, and the commits. With {@code dieAtHistoryRow}, the history row of the first
     * migration whose progress rows were removed "kills" the migrator: Flyway's physical connection is closed (the
     * server rolls its open transaction back) instead of sending the insert.
     */
    private static final class Recorder {
        private final DataSource target;
        private final boolean dieAtHistoryRow;
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final List<String> autocommitted = Collections.synchronizedList(new ArrayList<>());

        Recorder(DataSource target, boolean dieAtHistoryRow) {
            this.target = target;
            this.dieAtHistoryRow = dieAtHistoryRow;
        }

        private boolean dies(String sql) {
            String upper = sql.toUpperCase(Locale.ROOT);
            return dieAtHistoryRow && upper.stripLeading().startsWith("INSERT")
                    && upper.contains("FLYWAY_SCHEMA_HISTORY")
                    && events.stream().anyMatch(e -> e.endsWith("DELETE state progress"));
        }

        DataSource dataSource() {
            return wrap(target, DataSource.class, null, null);
        }

        List<String> autocommittedStateWrites() {
            return List.copyOf(autocommitted);
        }

        private void executed(Connection c, String sql, Object[] params) throws SQLException {
            String flat = sql.replaceAll("\\s+", " ").strip();
            String upper = flat.toUpperCase(Locale.ROOT);
            boolean state = upper.contains("DBOPT_MIGRATION_STATE");
            boolean history = upper.contains("FLYWAY_SCHEMA_HISTORY");
            boolean write = upper.startsWith("INSERT") || upper.startsWith("DELETE") || upper.startsWith("UPDATE");
            if (state && !write && upper.contains("SELECT")) {
                events.add((upper.contains("INFORMATION_SCHEMA") ? "read catalog and state" : "read state"));
                return;
            }
            if (!write || !state && !history) {
                return;
            }
            String what;
            if (history) {
                what = upper.startsWith("INSERT") ? "INSERT history" : "write history";
            } else if (upper.startsWith("DELETE")) {
                what = "DELETE state " + (params != null && params.length > 2 ? params[2] : "?");
            } else if (params != null && params.length == 5 && "progress".equals(params[2])) {
                what = "INSERT progress " + params[3];
            } else {
                StringBuilder kinds = new StringBuilder();
                for (int i = 2; params != null && i < params.length; i += 5) {
                    kinds.append(kinds.length() == 0 ? "" : ",").append(params[i]);
                }
                what = "INSERT set=" + (params == null ? "?" : params[0]) + " version="
                        + (params == null ? "?" : params[1]) + " kinds=" + kinds;
            }
            boolean autoCommit = c.getAutoCommit();
            events.add((autoCommit ? "autocommit " : "tx ") + what);
            if (autoCommit && state) {
                autocommitted.add(what);
            }
        }

        @SuppressWarnings("unchecked")
        private <T> T wrap(Object object, Class<T> type, Connection connection, String sql) {
            Object[] params = new Object[16];
            return (T) Proxy.newProxyInstance(JournalCommitsIT.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
                        if (type == PreparedStatement.class && name.startsWith("set") && args != null
                                && args.length >= 2 && args[0] instanceof Integer i && i <= params.length) {
                            params[i - 1] = args[1];
                        }
                        if (name.startsWith("execute") && connection != null && text != null) {
                            if (dies(text)) {
                                connection.close();
                                throw new SQLException("simulated death of the migrator");
                            }
                            int count = 0;
                            while (count < params.length && params[count] != null) {
                                count++;
                            }
                            executed(connection, text, java.util.Arrays.copyOf(params, count));
                        }
                        if (name.equals("commit") && type == Connection.class) {
                            events.add("commit");
                        }
                        Object result;
                        try {
                            result = method.invoke(object, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (result instanceof CallableStatement s) {
                            return wrap(s, CallableStatement.class, connection, text);
                        } else if (result instanceof PreparedStatement s) {
                            return wrap(s, PreparedStatement.class, connection, text);
                        } else if (result instanceof Statement s) {
                            return wrap(s, Statement.class, connection, null);
                        } else if (result instanceof Connection c) {
                            return wrap(c, Connection.class, c, null);
                        }
                        return result;
                    });
        }
    }
}
