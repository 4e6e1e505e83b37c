package io.dbopt.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.bulk.progress.JobProgress;
import io.dbopt.bulk.progress.ProgressTracker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConsoleProgressTest {

    @Test
    void aTerminalGetsABarWithRateAndTimeLeftRedrawnInPlace() {
        StringWriter w = new StringWriter();
        ConsoleProgress p = ConsoleProgress.create(new PrintWriter(w), true);
        ConsoleProgress.Task t = p.task("[demo] loading", OptionalLong.of(1_000));
        t.advance(250, "users");
        t.plain("only on a pipe");
        t.finish("[demo] 1,000 rows loaded");
        String out = w.toString();
        assertThat(out).contains("\r[demo] loading [######..................]  25% 250/1,000").contains("/s")
                .contains("ETA").contains("users").endsWith("[demo] 1,000 rows loaded" + System.lineSeparator())
                .doesNotContain("only on a pipe");
    }

    @Test
    void aPipeGetsPlainLinesOnly() {
        StringWriter w = new StringWriter();
        ConsoleProgress p = ConsoleProgress.create(new PrintWriter(w), false);
        ConsoleProgress.Task t = p.task("[demo] loading", OptionalLong.of(1_000));
        t.advance(250, "users");
        t.plain("[demo] loaded users 250 rows");
        t.finish("[demo] 1,000 rows loaded");
        assertThat(w.toString()).doesNotContain("\r").doesNotContain("[###")
                .isEqualTo("[demo] loaded users 250 rows" + System.lineSeparator() + "[demo] 1,000 rows loaded"
                        + System.lineSeparator());
    }

    @Test
    void bulkJobsAreDrawnFromTheProgressTracker() {
        StringWriter w = new StringWriter();
        ConsoleProgress p = ConsoleProgress.create(new PrintWriter(w), true);
        ProgressTracker tracker = new ProgressTracker().addListener(p.listener("[load]"));
        JobProgress job = tracker.start("orders", "load", OptionalLong.of(100), false);
        job.chunkDone(40, Duration.ofMillis(10));
        job.rejected(2);
        job.finish(true);
        assertThat(w.toString()).contains("[load] orders [##########..............]  40% 40/100")
                .contains("[load] orders: done, 40 rows in").contains("2 rejected");
    }

    @Test
    void formatsTimeLeft() {
        assertThat(ConsoleProgress.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(ConsoleProgress.format(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(ConsoleProgress.format(Duration.ofMinutes(125))).isEqualTo("2h05m");
    }
}
