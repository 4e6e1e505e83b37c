package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.Dialect;
import io.dbopt.core.InvalidIdentifierException;
import io.dbopt.json.chunk.Checkpoints;
import io.dbopt.json.chunk.ChunkOutcome;
import io.dbopt.json.chunk.ChunkWork;
import io.dbopt.json.chunk.ChunkedJob;
import io.dbopt.json.codec.DictionaryStore;
import io.dbopt.json.codec.LoadedDictionary;
import io.dbopt.json.history.HistoryTables;
import io.dbopt.json.metrics.JsonInstruments;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.HostileNames;
import io.dbopt.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Timeout;

/**
 * The tables dbopt-json keeps for itself under the hostile-name list (quotes, backticks, {@code ;--}, {@code $$},
 * newline, unicode, reserved words, names at the length limit): the chunked jobs' checkpoint table through a whole
 * job (create, lock, advance, finish, forget), the change history's version and head tables through writes and reads,
 * and the dictionary table through save and load, with a canary table surviving every name. Names the server cannot
 * hold (NUL, over the limit) and history names whose head table would be over it are refused with a typed error.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OwnTableHostileNamesIT {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @DialectTest
    void checkpointTableRunsAWholeJobUnderEveryHostileName(TestDatabase db) {
        Dialect d = db.dialect();
        try (HikariDataSource pool = Pooled.of(db, 2)) {
            withCanary(db, name -> {
                Checkpoints checkpoints = new Checkpoints(d, name);
                ChunkedJob job = new ChunkedJob(pool, d, checkpoints, "job", "compression", 2, Duration.ZERO,
                        LIMIT, JsonInstruments.noop());
                JobResult result = job.run(new Keys(3));
                assertThat(result.complete()).as("job in %s", name).isTrue();
                assertThat(db.queryLong("SELECT rows_done FROM " + d.quote(name) + " WHERE job = 'job'"))
                        .as("rows done in %s", name).isEqualTo(3);
                job.restart();
                assertThat(db.queryLong("SELECT COUNT(*) FROM " + d.quote(name))).as("forgotten in %s", name)
                        .isZero();
                return List.of(name);
            });
        }
    }

    @DialectTest
    void historyTablesWriteAndReadUnderEveryHostileName(TestDatabase db) {
        Dialect d = db.dialect();
        withCanary(db, name -> {
            if (!fits(d, name + "_head")) {
                assertRefused(() -> new HistoryTables(d, name, LIMIT), name);
                return List.of();
            }
            HistoryTables tables = new HistoryTables(d, name, LIMIT);
            try (Connection c = db.connection()) {
                tables.create(c);
                tables.create(c); // a second instance finds them
                c.setAutoCommit(false);
                HistoryTables.Head head = tables.lockHead(c, "doc", ContentFormat.JSON);
                assertThat(head.latestVersion()).isZero();
                byte[] content = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
                tables.append(c, new DocumentVersion("doc", 1, true, ContentFormat.JSON, content.length,
                        content.length, "", Instant.now()), content, 1, content);
                c.commit();
                c.setAutoCommit(true);
                assertThat(tables.chain(c, "doc", 1)).as("chain in %s", name).hasSize(1);
                assertThat(tables.versions(c, "doc")).as("versions in %s", name).hasSize(1);
                assertThat(tables.stats(c).versions()).as("stats of %s", name).isEqualTo(1);
            } catch (SQLException e) {
                throw new AssertionError(name, e);
            }
            return List.of(name, name + "_head");
        });
    }

    @DialectTest
    void dictionaryTableSavesAndLoadsUnderEveryHostileName(TestDatabase db) {
        Dialect d = db.dialect();
        try (HikariDataSource pool = Pooled.of(db, 2)) {
            withCanary(db, name -> {
                int id;
                try (DictionaryStore store = new DictionaryStore(pool, d, name, LIMIT)) {
                    assertThat(store.latest("scope")).as("no table yet for %s", name).isEmpty();
                    id = store.save("scope", "a dictionary's raw content, long enough".repeat(4)
                            .getBytes(StandardCharsets.UTF_8), 7).id();
                    store.refresh();
                    assertThat(store.latest("scope")).as("latest in %s", name).get()
                            .extracting(LoadedDictionary::id).isEqualTo(id);
                }
                try (DictionaryStore fresh = new DictionaryStore(pool, d, name, LIMIT)) {
                    assertThat(fresh.byId(id)).as("loaded again from %s", name).isPresent();
                }
                return List.of(name);
            });
        }
    }

    @DialectTest
    void namesTheServerCannotHoldAreRefusedNotTruncated(TestDatabase db) {
        Dialect d = db.dialect();
        for (String name : HostileNames.unholdable(db)) {
            assertRefused(() -> new Checkpoints(d, name), name);
            assertRefused(() -> new HistoryTables(d, name, LIMIT), name);
            assertRefused(() -> new DictionaryStore(db.dataSource(), d, name, LIMIT), name);
        }
        // a history name that fits, whose head table would not: refused, not truncated onto another table's name
        String atLimit = HostileNames.ofLength(db, d.maxIdentifierLength());
        assertRefused(() -> new HistoryTables(d, atLimit, LIMIT), atLimit);
    }

    /** Runs {@code use} for every holdable name, drops the tables it names, and checks the canary after each. */
    private static void withCanary(TestDatabase db, Function<String, List<String>> use) {
        Dialect d = db.dialect();
        db.execute("CREATE TABLE " + HostileNames.CANARY + " (id int PRIMARY KEY)",
                "INSERT INTO " + HostileNames.CANARY + " VALUES (1)");
        try {
            for (String name : HostileNames.holdable(db)) {
                List<String> created = List.of();
                try {
                    created = use.apply(name);
                } finally {
                    for (String t : created.isEmpty() ? List.of(name, name + "_head") : created) {
                        if (fits(d, t)) {
                            db.execute("DROP TABLE IF EXISTS " + d.quote(t));
                        }
                    }
                }
                assertThat(db.queryLong("SELECT COUNT(*) FROM " + HostileNames.CANARY)).as("canary after %s", name)
                        .isEqualTo(1);
            }
        } finally {
            db.execute("DROP TABLE IF EXISTS " + HostileNames.CANARY);
        }
    }

    private static boolean fits(Dialect d, String name) {
        try {
            d.validateIdentifier(name);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    private static void assertRefused(Runnable construction, String name) {
        Throwable t = catchThrowable(construction::run);
        assertThat(t).as("%d-char name", name.length()).isInstanceOf(InvalidIdentifierException.class);
        assertThat(t.getMessage()).containsAnyOf("NUL", "choose a shorter name");
    }

    /** Keys 1..n as strings in key order. */
    private record Keys(int n) implements ChunkWork<Integer> {
        @Override
        public List<Integer> next(Connection connection, Optional<String> after, int limit) {
            int from = after.map(Integer::parseInt).orElse(0) + 1;
            return java.util.stream.IntStream.rangeClosed(from, Math.min(n, from + limit - 1)).boxed().toList();
        }

        @Override
        public String keyOf(Integer item) {
            return Integer.toString(item);
        }

        @Override
        public ChunkOutcome process(Connection connection, List<Integer> items) {
            return new ChunkOutcome(items.size(), 10, 5);
        }
    }
}
