package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowQueryLogIT {

    private static final String SECRET = "SECRET-4711";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture(TestDatabase db) {
        appender.start();
        rootLogger.addAppender(appender); // every logger, the slow log and DEBUG lines included
        db.execute("CREATE TABLE secrets (id bigint PRIMARY KEY, code varchar(50))");
    }

    @AfterEach
    void release(TestDatabase db) {
        rootLogger.detachAppender(appender);
        db.execute("DROP TABLE IF EXISTS secrets");
    }

    private void runWithSecrets(ProfiledDataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO secrets (id, code) VALUES (?, ?)")) {
                ps.setLong(1, 1);
                ps.setString(2, SECRET);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id FROM secrets WHERE code = '" + SECRET + "'")) {
                rs.next();
            }
        }
    }

    private List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @DialectTest
    void masksBoundAndInlinedValuesByDefault(TestDatabase db) throws Exception {
        QueryProfiler profiler = QueryProfiler.builder().name("masked").slowQueryThreshold(Duration.ZERO).build();
        runWithSecrets(profiler.instrument(db.dataSource()));
        assertThat(profiler.slowQueryCount()).isEqualTo(2);
        assertThat(messages()).filteredOn(m -> m.startsWith("masked - slow")).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("insert into secrets (id, code) values (?, ?)"))
                .anySatisfy(m -> assertThat(m).contains("select id from secrets where code = ?"));
        assertThat(messages()).noneMatch(m -> m.contains(SECRET));
    }

    @DialectTest
    void showsValuesOnlyWhenTheUserOptsIn(TestDatabase db) throws Exception {
        QueryProfiler profiler = QueryProfiler.builder().name("shown").slowQueryThreshold(Duration.ZERO)
                .logParameters(true).build();
        runWithSecrets(profiler.instrument(db.dataSource()));
        assertThat(messages()).filteredOn(m -> m.startsWith("shown - slow")).hasSize(2)
                .allSatisfy(m -> assertThat(m).contains(SECRET));
    }

    @DialectTest
    void logsNothingBelowTheThreshold(TestDatabase db) throws Exception {
        QueryProfiler profiler = QueryProfiler.builder().name("quiet").slowQueryThreshold(Duration.ofSeconds(30))
                .build();
        runWithSecrets(profiler.instrument(db.dataSource()));
        assertThat(profiler.slowQueryCount()).isZero();
        assertThat(messages()).noneMatch(m -> m.startsWith("quiet"));
    }
}
