package io.dbopt.examples.bulk;

import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.bulk.archive.ArchiveJob;
import io.dbopt.bulk.archive.ArchivePlan;
import io.dbopt.bulk.archive.ArchiveResult;
import io.dbopt.bulk.chunk.ChunkedJob;
import io.dbopt.bulk.chunk.JobResult;
import io.dbopt.bulk.failure.BadRow;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.LoadResult;
import io.dbopt.bulk.load.RowMapping;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.bulk.progress.Progress;
import io.dbopt.bulk.progress.ProgressListener;
import io.dbopt.core.config.DbOptConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Task hierarchies and handoffs with dbopt-bulk: 100,000 tasks loaded by COPY / LOAD DATA (one bad row reported,
 * not loaded), a re-import that upserts, a chunked backfill, and the archival of closed handoffs with a dry run
 * first.
 *
 * <pre>
 * java -cp examples/target/classes:... io.dbopt.examples.bulk.BulkExample \
 *     jdbc:postgresql://127.0.0.1:5432/tasks?user=postgres
 * </pre>
 */
public final class BulkExample {

    /** A task of the application. */
    public record Task(long id, Long parentId, String title, int priority, LocalDateTime createdAt) {
    }

    /** What the example did. */
    public record Summary(LoadResult load, LoadResult upsert, JobResult backfill, ArchivePlan plan,
                          ArchiveResult archive, List<BadRow> badRows, long progressEvents) {
    }

    static final RowMapping<Task> TASKS = RowMapping.<Task>builder()
            .column("id", Task::id)
            .column("parent_id", Task::parentId)
            .column("title", Task::title)
            .column("priority", Task::priority)
            .column("created_at", Task::createdAt)
            .build();

    private BulkExample() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("DBOPT_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        DbOptConfig config = DbOptConfig.of(Map.of("database.url", url));
        DataSource dataSource = config.requireDatabase().unpooledDataSource(); // an application passes its pool
        Summary s = run(config, dataSource, 100_000);
        System.out.printf("loaded %,d tasks with %s in %d ms, %d rejected: %s%n", s.load().rowsInserted(),
                s.load().strategy(), s.load().elapsed().toMillis(), s.load().rowsRejected(),
                s.badRows().isEmpty() ? "-" : s.badRows().get(0).describe());
        System.out.printf("re-import: %,d inserted, %,d updated%n", s.upsert().rowsInserted(), s.upsert().rowsUpdated());
        System.out.printf("backfill: %,d rows in %d chunks (median %d ms)%n", s.backfill().rows(),
                s.backfill().chunks(), s.backfill().medianChunkTime().toMillis());
        System.out.printf("archive: dry run said %,d rows (%,d bytes); moved %,d%n", s.plan().rows(),
                s.plan().bytes(), s.archive().rowsMoved());
    }

    /** Runs the example on a data source with the handler configured from {@code config}. */
    public static Summary run(DbOptConfig config, DataSource dataSource, int tasks) throws SQLException {
        createSchema(dataSource);
        List<BadRow> bad = new ArrayList<>();
        long[] events = new long[1];
        try (BulkOperationHandler bulk = BulkOperationHandler.builder().config(config).dataSource(dataSource)
                .progressListener(new ProgressListener() {
                    @Override
                    public void onChunk(Progress p, long rows, Duration time) {
                        events[0]++; // p.rowsDone(), p.total(), p.rowsPerSecond(), p.eta() drive a progress bar
                    }
                }).build()) {

            // 1. Load: rows streamed from a generator, chunk by chunk; row 4,242's title is too long for the
            //    column and is reported with its number and column (its value masked), the others are loaded.
            Stream<Task> generated = LongStream.rangeClosed(1, tasks).mapToObj(i -> new Task(i,
                    i <= 100 ? null : (i - 1) / 100, i == 4_242 ? "x".repeat(300) : "task " + i, (int) (i % 5),
                    LocalDateTime.of(2024, 1, 1, 8, 0).plusMinutes(i)));
            LoadResult load = bulk.load(LoadRequest.into("task", TASKS).maxErrors(10).onBadRow(bad::add)
                    .expectedRows(tasks).jobId("import-tasks"), RowSource.of(generated));

            // 2. Re-import: the same ids with new priorities are updated, new ids inserted (staging + ON CONFLICT /
            //    ON DUPLICATE KEY UPDATE in one transaction per chunk), with exact counts of each.
            List<Task> changed = new ArrayList<>();
            for (long i = tasks - 999; i <= tasks + 1_000; i++) {
                changed.add(new Task(i, null, "task " + i, 9, LocalDateTime.of(2024, 6, 1, 8, 0)));
            }
            LoadResult upsert = bulk.load(LoadRequest.into("task", TASKS).upsertOn("id"), RowSource.of(changed));

            // 3. Backfill: a chunked, resumable UPDATE; chunk size adapts to 200 ms per chunk.
            JobResult backfill = bulk.run(ChunkedJob.update("task", "backfill-depth")
                    .set("depth = CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END")
                    .where("depth IS NULL").targetChunkTime(Duration.ofMillis(200)).build());

            // 4. Archive handoffs closed more than 30 days ago: dry run, then move, verified by counts.
            ArchiveJob archive = ArchiveJob.builder("handoff", "handoff_archive", "archive-handoffs")
                    .where("status = ? AND closed_at < ?", "closed", LocalDateTime.now().minusDays(30)).build();
            ArchivePlan plan = bulk.planArchive(archive);
            ArchiveResult moved = bulk.archive(archive);
            return new Summary(load, upsert, backfill, plan, moved, bad, events[0]);
        }
    }

    private static void createSchema(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            String now = pg ? "now()" : "NOW()";
            for (String t : List.of("handoff_archive", "handoff", "task")) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
            st.execute("CREATE TABLE task (id bigint PRIMARY KEY, parent_id bigint, title varchar(200) NOT NULL, "
                    + "priority int NOT NULL, created_at timestamp" + (pg ? "" : " NULL") + ", depth int)");
            String handoff = " (id bigint PRIMARY KEY, task_id bigint NOT NULL, status varchar(10) NOT NULL, "
                    + "closed_at timestamp NULL)";
            st.execute("CREATE TABLE handoff" + handoff);
            st.execute("CREATE TABLE handoff_archive" + handoff);
            st.execute("INSERT INTO handoff (id, task_id, status, closed_at) VALUES "
                    + "(1, 1, 'closed', " + now + " - INTERVAL '60' DAY), (2, 2, 'closed', " + now + " - INTERVAL "
                    + "'90' DAY), (3, 3, 'open', NULL), (4, 4, 'closed', " + now + " - INTERVAL '1' DAY)");
        }
    }
}
