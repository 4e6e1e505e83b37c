package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.dbopt.core.component.HealthJson;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A marker secret travels as the password (JDBC and {@code postgresql://user:pw@host/db} forms), as a bind value in a
 * unique violation (single and batch) and in a constraint's DETAIL line through a dbopt pool; it must appear in no
 * log line of dbopt or HikariCP at any level (formatted message or logged throwable chain), no exception message dbopt creates, no metric name or tag
 * and no health JSON. On PostgreSQL, where the driver's DETAIL lines are what carried values, the driver's own
 * exception chain must be clean as well.
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretLeakIT {

    private static final String MARKER = "Secret-Marker-5e1b";
    private static final String MARIADB_USER = "dbopt_secret_it";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Logger dbopt;
    private Logger hikari;

    @BeforeEach
    void capture(TestDatabase db) {
        if (db.testDialect() == TestDialect.MARIADB) {
            // MariaDB refuses root with a password: the marker password belongs to a user of its own
            db.execute("CREATE USER IF NOT EXISTS " + MARIADB_USER + "@'%' IDENTIFIED BY '" + MARKER + "'",
                    "GRANT ALL ON " + db.dialect().quote(db.name()) + ".* TO " + MARIADB_USER + "@'%'");
        }
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        dbopt = (Logger) LoggerFactory.getLogger("io.dbopt");
        hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");
        // dbopt's and HikariCP's every line; the drivers' own DEBUG logging is the application's to configure
        root.setLevel(Level.INFO);
        dbopt.setLevel(Level.TRACE);
        hikari.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release(TestDatabase db) {
        root.detachAppender(logs);
        root.setLevel(Level.WARN);
        dbopt.setLevel(Level.INFO);
        hikari.setLevel(null);
        if (db.testDialect() == TestDialect.MARIADB) {
            db.execute("DROP USER IF EXISTS " + MARIADB_USER + "@'%'");
        }
    }

    @DialectTest
    void markerPasswordInBothUrlFormsAppearsNowhere(TestDatabase db) {
        String user = user(db);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String jdbc = PoolTests.url(db) + "?user=" + user + "&password=" + MARKER;
        try (ConnectionPoolManager pool = ConnectionPoolManager.builder().jdbcUrl(jdbc).poolName("secret-jdbc")
                .healthCheckInterval(java.time.Duration.ZERO).meterRegistry(registry).build()) {
            pool.withConnection(c -> c.isValid(2));
            assertThat(HealthJson.write(pool.healthCheck())).doesNotContain(MARKER);
            assertThat(pool.metrics().toString()).doesNotContain(MARKER);
        }
        String scheme = db.testDialect() == TestDialect.POSTGRESQL ? "postgresql://" : "mariadb://";
        String sqlAlchemy = scheme + user + ":" + MARKER + "@" + db.server().host() + ":" + db.server().port() + "/";
        try (ConnectionPoolManager pool = ConnectionPoolManager.create(DbOptConfig.of(Map.of(
                "database.url", sqlAlchemy + db.name(), "pool.name", "secret-url")))) {
            pool.withConnection(c -> c.isValid(2));
            assertThat(HealthJson.write(pool.healthCheck())).doesNotContain(MARKER);
        }
        // a start that fails: the database does not exist, the password is the marker
        Throwable failed = catchThrowable(() -> ConnectionPoolManager.create(DbOptConfig.of(Map.of(
                "database.url", sqlAlchemy + "no_such_db_" + MARKER.length(), "pool.connect_timeout", "3s"))));
        assertThat(failed).isInstanceOf(PoolException.class);
        assertThat(dboptMessages(failed)).noneMatch(m -> m.contains(MARKER));
        assertNoMarkerInMetrics(registry);
        assertNoMarkerInLogs();
    }

    @DialectTest
    void bindValuesOfAUniqueViolationStayOutOfMessagesAndLogs(TestDatabase db) {
        db.execute("CREATE TABLE secret_accounts (id int PRIMARY KEY, token varchar(64) UNIQUE, "
                + "amount int CHECK (amount >= 0))");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConnectionPoolManager pool = PoolTests.builder(db, "secret-values").meterRegistry(registry).build()) {
            pool.inTransaction(c -> insert(c, 1, MARKER, 5));

            Throwable single = catchThrowable(() -> pool.inTransaction(c -> insert(c, 2, MARKER, 5)));
            Throwable batch = catchThrowable(() -> pool.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO secret_accounts (id, token, amount) VALUES (?, ?, ?)")) {
                    for (int id = 3; id <= 5; id++) {
                        ps.setInt(1, id);
                        ps.setString(2, id == 4 ? MARKER : "other-" + id);
                        ps.setInt(3, 1);
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            }));
            Throwable detail = catchThrowable(() -> pool.inTransaction(c -> insert(c, 6, MARKER + "-neg", -1)));

            for (Throwable t : List.of(single, batch, detail)) {
                assertThat(t).isInstanceOf(PoolException.class);
                assertThat(dboptMessages(t)).noneMatch(m -> m.contains(MARKER));
                if (db.testDialect() == TestDialect.POSTGRESQL) {
                    // pgjdbc's DETAIL lines and batch entries were what carried the values
                    assertThat(allMessages(t)).as("driver messages").noneMatch(m -> m.contains(MARKER));
                }
            }
            assertThat(HealthJson.write(pool.healthCheck())).doesNotContain(MARKER);
        }
        assertNoMarkerInMetrics(registry);
        assertNoMarkerInLogs();
    }

    @DialectTest
    void valuesAppearWhenTheUserOptsIn(TestDatabase db) {
        db.execute("CREATE TABLE secret_optin (token varchar(64) PRIMARY KEY)", "INSERT INTO secret_optin VALUES ('"
                + MARKER + "')");
        try (ConnectionPoolManager pool = PoolTests.builder(db, "secret-optin").showValuesInErrors(true).build()) {
            Throwable t = catchThrowable(() -> pool.withConnection(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO secret_optin VALUES ('" + MARKER + "')");
                }
            }));
            assertThat(allMessages(t)).anyMatch(m -> m.contains(MARKER));
        }
    }

    private static int insert(java.sql.Connection c, int id, String token, int amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO secret_accounts (id, token, amount) "
                + "VALUES (?, ?, ?)")) {
            ps.setInt(1, id);
            ps.setString(2, token);
            ps.setInt(3, amount);
            return ps.executeUpdate();
        }
    }

    private static String user(TestDatabase db) {
        return db.testDialect() == TestDialect.MARIADB ? MARIADB_USER : db.user();
    }

    private void assertNoMarkerInLogs() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : logs.list) {
            lines.add(e.getFormattedMessage());
            for (IThrowableProxy p = e.getThrowableProxy(); p != null; p = p.getCause()) {
                lines.add(p.getClassName() + ": " + p.getMessage());
                for (IThrowableProxy s : p.getSuppressed()) {
                    lines.add(s.getClassName() + ": " + s.getMessage());
                }
            }
        }
        assertThat(lines).isNotEmpty().noneMatch(line -> line != null && line.contains(MARKER));
    }

    private static void assertNoMarkerInMetrics(SimpleMeterRegistry registry) {
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getName()).doesNotContain(MARKER);
            m.getId().getTags().forEach(tag -> assertThat(tag.getKey() + "=" + tag.getValue()).doesNotContain(MARKER));
        }
    }

    /** Messages of the exceptions in the chain that dbopt created (its own classes). */
    private static List<String> dboptMessages(Throwable t) {
        return walk(t).stream().filter(e -> e.getClass().getName().startsWith("io.dbopt."))
                .map(e -> String.valueOf(e.getMessage()) + " | " + e).toList();
    }

    /** Every message in the chain: causes, suppressed and SQLException's next exceptions. */
    private static List<String> allMessages(Throwable t) {
        return walk(t).stream().map(e -> String.valueOf(e.getMessage())).toList();
    }

    private static List<Throwable> walk(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> out = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>();
        todo.add(t);
        while (!todo.isEmpty()) {
            Throwable e = todo.remove(todo.size() - 1);
            if (e == null || !seen.add(e)) {
                continue;
            }
            out.add(e);
            todo.add(e.getCause());
            todo.addAll(List.of(e.getSuppressed()));
            if (e instanceof SQLException s) {
                todo.add(s.getNextException());
            }
        }
        return out;
    }
}
