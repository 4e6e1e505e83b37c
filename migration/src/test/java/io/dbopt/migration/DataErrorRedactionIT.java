package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A migration that fails on a row's value: the value reaches no exception message dbopt throws and no log line. */
@DbTest
@Timeout(60)
class DataErrorRedactionIT {

    private static final String MARKER = "MARKER-7f3a9c";

    @DialectTest
    void aDataErrorKeepsTheRowValueOutOfTheExceptionAndTheLogs(TestDatabase db, TestDialect which,
                                                               @TempDir Path dir) {
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, code varchar(40))",
                "INSERT INTO accounts VALUES (1, '" + MARKER + "')", "CREATE TABLE codes (n int)");
        Path folder = Scripts.write(dir, "core", "V1__codes.sql", "INSERT INTO codes (n) SELECT "
                + (which == TestDialect.POSTGRESQL ? "code::integer" : "code") + " FROM accounts;");
        MigrationFramework framework = Scripts.single(db, "core", folder, Duration.ofSeconds(5));

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        MigrationFailedException failed;
        try {
            failed = catchThrowableOfType(MigrationFailedException.class, framework::migrate);
        } finally {
            root.detachAppender(logs);
        }

        assertThat(failed).isNotNull();
        assertThat(failed.getMessage()).contains("SQLState");
        List<String> texts = new ArrayList<>();
        chain(failed, texts);
        assertThat(texts).as("messages of the exception, its causes and suppressed").noneMatch(t -> t.contains(MARKER));
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(MARKER);
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(MARKER);
            }
        }
    }

    private static void chain(Throwable t, List<String> into) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            into.add(String.valueOf(c.getMessage()));
            into.add(c.toString());
            for (Throwable s : c.getSuppressed()) {
                chain(s, into);
            }
        }
    }
}
