package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.jdbc.DriverDataSource;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * A marker password travels through URLs the drivers echo back, failed connections and a full doctor run; it must
 * appear in no log line, exception message or report.
 */
@DbTest
class RedactionIT {

    private static final String MARKER = "Pw-Marker-7f3a9c";
    private static final String MARIADB_USER = "dbopt_redaction_it";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;

    private Logger dbopt;

    @BeforeEach
    void captureLogs(TestDatabase db) {
        if (db.testDialect() == TestDialect.MARIADB) {
            // MariaDB refuses root with a password: give the marker to a user of its own (before capturing)
            db.execute("CREATE USER IF NOT EXISTS " + MARIADB_USER + "@'%' IDENTIFIED BY '" + MARKER + "'",
                    "GRANT ALL ON " + db.dialect().quote(db.name()) + ".* TO " + MARIADB_USER + "@'%'");
        }
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        dbopt = (Logger) LoggerFactory.getLogger("io.dbopt");
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        dbopt.setLevel(ch.qos.logback.classic.Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapture(TestDatabase db) {
        root.detachAppender(logs);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
        dbopt.setLevel(ch.qos.logback.classic.Level.INFO);
        if (db.testDialect() == TestDialect.MARIADB) {
            db.execute("DROP USER IF EXISTS " + MARIADB_USER + "@'%'");
        }
    }

    @DialectTest
    void markerPasswordAppearsNowhere(TestDatabase db) throws Exception {
        // The servers here trust local connections, so a URL carrying the marker connects and is echoed by the
        // driver's metadata; dbopt must mask it wherever it shows that URL.
        String user = db.testDialect() == TestDialect.MARIADB ? MARIADB_USER : db.user();
        String url = db.jdbcUrl() + "&user=" + user + "&password=" + MARKER;
        DataSource withMarker = dataSource(db, url);
        DatabaseInfo info = DatabaseInfo.detect(withMarker);
        FindingsReport report = Doctor.builder().dataSource(withMarker).build().run();

        String badUrl = url.replace(":" + db.server().port() + "/", ":1/");
        DbOptException failure = catchThrowableOfType(DbOptException.class,
                () -> DatabaseInfo.detect(dataSource(db, badUrl)));

        assertThat(info.redactedUrl()).doesNotContain(MARKER);
        assertThat(report.toText()).doesNotContain(MARKER);
        assertThat(report.toJson()).doesNotContain(MARKER);
        assertThat(report.toHtml()).doesNotContain(MARKER);
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).doesNotContain(MARKER);
        assertThat(failure.toString()).doesNotContain(MARKER);
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).noneMatch(line -> line.contains(MARKER));
    }

    private static DataSource dataSource(TestDatabase db, String url) {
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            return ds;
        }
        return DriverDataSource.of(url);
    }
}
