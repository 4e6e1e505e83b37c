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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL, Flyway's bookkeeping statements (its history {@code SELECT}, {@code Table.exists}) keep their
 * server-prepared statement on the migration connection across the migrations' DDL, instead of being parsed and
 * planned anew after every migration (pgjdbc's {@code flushCacheOnDdl}); and the connection goes back to the pool
 * with the driver's setting as it was, so an application statement prepared on it still survives a later
 * {@code ALTER TABLE}.
 */
@DbTest
@Timeout(180)
class FlywayStatementReuseIT {

    private static final int ALTERING = 9;

    @DialectTest(TestDialect.POSTGRESQL)
    void flywaysBookkeepingKeepsItsServerStatementsAcrossTheMigrationsDdl(TestDatabase db, @TempDir Path dir)
            throws SQLException {
        List<String> scripts = new ArrayList<>(List.of("V1__table.sql",
                "CREATE TABLE fr_a (id bigint PRIMARY KEY, name text NOT NULL);\n"));
        for (int i = 2; i < 2 + ALTERING; i++) {
            scripts.add("V" + i + "__alter.sql");
            scripts.add("ALTER TABLE fr_a ADD COLUMN c" + i + " int;\nCREATE INDEX fr_a_c" + i + "_idx ON fr_a (c" + i
                    + ");\n");
        }
        Path folder = Scripts.write(dir, "reuse", scripts.toArray(String[]::new));
        KeptConnections kept = new KeptConnections(db.dataSource());
        try {
            assertThat(framework(kept.dataSource(), folder, "reuse").migrate().appliedCount())
                    .isEqualTo(1 + ALTERING);

            // executions of each of Flyway's server-prepared history reads and existence checks on one server
            // statement: with the flush after every ALTER/CREATE they were parsed again for every migration and
            // no server statement ran more than a few times
            long mostRunsOfOneHistoryRead = 0;
            long mostRunsOfOneExistsCheck = 0;
            for (Connection c : kept.physical) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT statement, "
                        + "generic_plans + custom_plans FROM pg_prepared_statements WHERE NOT from_sql")) {
                    while (rs.next()) {
                        String statement = rs.getString(1);
                        if (statement.contains("flyway_schema_history") && statement.startsWith("/*NO LOAD BALANCE*/")) {
                            mostRunsOfOneHistoryRead = Math.max(mostRunsOfOneHistoryRead, rs.getLong(2));
                        } else if (statement.startsWith("SELECT EXISTS")) {
                            mostRunsOfOneExistsCheck = Math.max(mostRunsOfOneExistsCheck, rs.getLong(2));
                        }
                    }
                }
            }
            assertThat(mostRunsOfOneHistoryRead).isGreaterThanOrEqualTo(ALTERING);
            assertThat(mostRunsOfOneExistsCheck).isGreaterThanOrEqualTo(ALTERING);
            assertPreparedStatementsSurviveDdl(kept, "fr_a");
        } finally {
            kept.closeAll();
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void theConnectionGoesBackWithTheDriversDdlFlushAfterAFailedMigration(TestDatabase db, @TempDir Path dir)
            throws SQLException {
        Path folder = Scripts.write(dir, "fails",
                "V1__table.sql", "CREATE TABLE fr_b (id bigint PRIMARY KEY);\n",
                "V2__alter.sql", "ALTER TABLE fr_b ADD COLUMN c2 int;\n",
                "V3__fails.sql", "ALTER TABLE fr_b ADD COLUMN c3 int;\nALTER TABLE fr_b ADD COLUMN c3 int;\n");
        KeptConnections kept = new KeptConnections(db.dataSource());
        try {
            Throwable thrown = catchThrowable(framework(kept.dataSource(), folder, "fails")::migrate);

            assertThat(thrown).isInstanceOf(MigrationFailedException.class);
            assertThat(((MigrationFailedException) thrown).failure().version()).isEqualTo("3");
            assertPreparedStatementsSurviveDdl(kept, "fr_b");
        } finally {
            kept.closeAll();
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void aConnectionWrapperThatUnwrapsToAnotherWrapperIsLeftAlone(TestDatabase db, @TempDir Path dir) {
        Path folder = Scripts.write(dir, "wrapped",
                "V1__table.sql", "CREATE TABLE fr_c (id bigint PRIMARY KEY);\n",
                "V2__alter.sql", "ALTER TABLE fr_c ADD COLUMN c2 int;\n");
        DataSource target = db.dataSource();
        // a proxy whose unwrap answers with another proxy that implements Connection only (as some tracing
        // wrappers do): the driver's setting cannot be reached, and the run goes on without it
        DataSource sloppy = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? sloppy(c) : result;
                });

        assertThat(framework(sloppy, folder, "wrapped").migrate().appliedCount()).isEqualTo(2);
    }

    private static Connection sloppy(Connection real) {
        return (Connection) Proxy.newProxyInstance(FlywayStatementReuseIT.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    return method.getName().equals("unwrap") && result instanceof Connection c ? sloppy(c) : result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * On every connection the run used: a statement the driver prepares on the server (six runs, past pgjdbc's
     * threshold of five) reads the table, a DDL changes the table's columns, and the statement runs again inside a
     * transaction. With the driver's flush on DDL it is parsed again; without it the server refuses it ("cached plan
     * must not change result type", SQLState 0A000), which is what an application would see after the pool lent it
     * the connection the migrations left with the flush off.
     */
    private static void assertPreparedStatementsSurviveDdl(KeptConnections kept, String table) throws SQLException {
        assertThat(kept.physical).isNotEmpty();
        int n = 0;
        for (Connection c : kept.physical) {
            String sql = "SELECT * FROM " + table;
            c.setAutoCommit(true);
            for (int i = 0; i < 6; i++) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isFalse();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " ADD COLUMN app_" + n++ + " int");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getMetaData().getColumnCount()).isGreaterThan(1);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static MigrationFramework framework(DataSource dataSource, Path folder, String set) {
        return MigrationFramework.configure().dataSource(dataSource)
                .set(MigrationSet.builder(set).location("filesystem:" + folder).build())
                .lockTimeout(Duration.ofSeconds(5)).lockWait(Duration.ofSeconds(60)).load();
    }
}
