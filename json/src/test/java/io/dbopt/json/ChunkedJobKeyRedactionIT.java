package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbopt.core.DbOptException;
import io.dbopt.json.chunk.Checkpoints;
import io.dbopt.json.chunk.ChunkOutcome;
import io.dbopt.json.chunk.ChunkWork;
import io.dbopt.json.chunk.ChunkedJob;
import io.dbopt.json.metrics.JsonInstruments;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A chunked job's failure message does not carry the checkpoint's key: the key is a value of the caller's rows (an
 * e-mail address, a customer number), so it is masked like every other row value, while the message still says that
 * the job stopped after a checkpoint and how to resume.
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChunkedJobKeyRedactionIT {

    private static final List<String> KEYS = List.of("alice@example.com", "bob@example.com", "carol@example.com");

    @DialectTest
    void theFailureMessageMasksTheCheckpointKey(TestDatabase db) {
        ChunkedJob job = new ChunkedJob(db.dataSource(), db.dialect(), new Checkpoints(db.dialect(), "redaction_jobs"),
                "mail", "history", 1, Duration.ZERO, Duration.ofSeconds(5), JsonInstruments.noop());
        try {
            DbOptException e = catchThrowableOfType(() -> job.run(new FailsOnCarol()), DbOptException.class);
            assertThat(e.errorCode()).isEqualTo(JsonErrorCode.JOB_FAILED);
            assertThat(e.getMessage()).contains("after key ****").contains("run it again to resume");
            assertThat(KEYS).allSatisfy(k -> assertThat(e.getMessage()).doesNotContain(k));
        } finally {
            db.execute("DROP TABLE IF EXISTS redaction_jobs");
        }
    }

    /** Keys in order; processing the third one fails. */
    private static final class FailsOnCarol implements ChunkWork<String> {
        @Override
        public List<String> next(Connection connection, Optional<String> after, int limit) {
            return KEYS.stream().filter(k -> after.isEmpty() || k.compareTo(after.get()) > 0).limit(limit).toList();
        }

        @Override
        public String keyOf(String item) {
            return item;
        }

        @Override
        public ChunkOutcome process(Connection connection, List<String> items) {
            if (items.contains("carol@example.com")) {
                throw new IllegalStateException("cannot process this row");
            }
            return new ChunkOutcome(items.size(), 1, 1);
        }
    }
}
