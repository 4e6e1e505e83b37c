package io.dbopt.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.bulk.checkpoint.CheckpointTable;
import io.dbopt.core.Dialect;
import io.dbopt.core.InvalidIdentifierException;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.HostileNames;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The bulk checkpoint table under hostile names (quotes, backticks, {@code ;--}, {@code $$}, newline, unicode,
 * reserved words, a name at the server's length limit): created, used through a whole job's life and dropped with a
 * canary table surviving; names the server cannot hold (NUL, one unit over the limit) are refused with a typed error
 * rather than truncated into another table's name.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckpointTableHostileNamesIT {

    @DialectTest
    void aWholeJobRunsOnEveryHostileCheckpointTableName(TestDatabase db) throws Exception {
        Dialect d = db.dialect();
        db.execute("CREATE TABLE " + HostileNames.CANARY + " (id int PRIMARY KEY)",
                "INSERT INTO " + HostileNames.CANARY + " VALUES (1)");
        for (String name : HostileNames.holdable(db)) {
            CheckpointTable table = new CheckpointTable(d, name);
            try (Connection c = db.connection()) {
                table.ensureExists(c);
                table.ensureExists(c); // a second worker finds it
                c.setAutoCommit(false);
                table.open(c, "job", "fp", 1, 101);
                Optional<CheckpointTable.Chunk> chunk = table.reserveNext(c, "job", 50, "worker");
                assertThat(chunk).as("chunk in %s", name).isPresent();
                table.markDone(c, "job", chunk.get().chunkNo(), 50, "worker");
                c.commit();
                assertThat(table.summary(c, "job").rowsDone()).as("rows done in %s", name).isEqualTo(50);
                table.finish(c, "job");
                c.commit();
                assertThat(table.header(c, "job")).get().extracting(CheckpointTable.Header::finished).isEqualTo(true);
                assertThat(table.forget(c, "job")).isPositive();
                c.commit();
                c.setAutoCommit(true);
            } finally {
                db.execute("DROP TABLE IF EXISTS " + d.quote(name));
            }
            assertThat(db.queryLong("SELECT COUNT(*) FROM " + HostileNames.CANARY)).as("canary after %s", name)
                    .isEqualTo(1);
        }
    }

    @DialectTest
    void namesTheServerCannotHoldAreRefusedNotTruncated(TestDatabase db) {
        Dialect d = db.dialect();
        for (String name : HostileNames.unholdable(db)) {
            Throwable t = catchThrowable(() -> new CheckpointTable(d, name));
            assertThat(t).isInstanceOf(InvalidIdentifierException.class);
            assertThat(t.getMessage()).containsAnyOf("NUL", "choose a shorter name");
        }
    }
}
