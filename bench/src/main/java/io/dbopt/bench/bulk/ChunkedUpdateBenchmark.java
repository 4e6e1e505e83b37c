package io.dbopt.bench.bulk;

import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.bulk.chunk.ChunkedJob;
import io.dbopt.bulk.chunk.JobResult;
import io.dbopt.bulk.progress.Progress;
import io.dbopt.bulk.progress.ProgressListener;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A chunked UPDATE of every row of a 1M-row table with a target time per chunk, next to one big UPDATE of the same
 * rows: throughput ratio, and how close chunk times stay to the target (median, p90, max after the first ten chunks,
 * which adapt from the initial size).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.bulk.ChunkedUpdateBenchmark [--rows 1000000]
 *     [--target-ms 500] [--runs 3] [--db postgresql|mariadb]
 * </pre>
 */
public final class ChunkedUpdateBenchmark {

    private ChunkedUpdateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(BulkLoadBenchmark.arg(args, "--rows", "1000000"));
        long targetMs = Long.parseLong(BulkLoadBenchmark.arg(args, "--target-ms", "500"));
        int runs = Integer.parseInt(BulkLoadBenchmark.arg(args, "--runs", "3"));
        TestDialect dialect = BulkLoadBenchmark.arg(args, "--db", "postgresql").equals("mariadb") ? TestDialect.MARIADB
                : TestDialect.POSTGRESQL;
        System.out.printf(Locale.ROOT, "chunked update: %,d rows, target %d ms, %s%n", rows, targetMs,
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        try (TestDatabase db = TestDatabases.create(dialect, "bench_bulk_chunk")) {
            List<Long> chunkMillis = Collections.synchronizedList(new ArrayList<>());
            try (BulkOperationHandler bulk = BulkOperationHandler.builder().config(BulkLoadBenchmark.config(db))
                    .dataSource(db.dataSource()).progressListener(new ProgressListener() {
                        @Override
                        public void onChunk(Progress p, long n, Duration time) {
                            if (p.kind().equals("update")) {
                                chunkMillis.add(time.toMillis());
                            }
                        }
                    }).build()) {
                BulkLoadBenchmark.fresh(db, "t");
                bulk.load(io.dbopt.bulk.load.LoadRequest.into("t", BenchRow.MAPPING),
                        io.dbopt.bulk.load.RowSource.of(BenchRow.rows(1, rows)));
                db.execute(dialect == TestDialect.POSTGRESQL ? "VACUUM ANALYZE t" : "ANALYZE TABLE t");
                List<Double> chunked = new ArrayList<>();
                List<Double> single = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    chunkMillis.clear();
                    long t0 = System.nanoTime();
                    JobResult j = bulk.run(ChunkedJob.update("t", "bench-update-" + r).set("qty = qty + 1")
                            .chunkSize(1_000).targetChunkTime(Duration.ofMillis(targetMs)).build());
                    chunked.add((System.nanoTime() - t0) / 1e9);
                    List<Long> steady = new ArrayList<>(chunkMillis.subList(Math.min(10, chunkMillis.size()),
                            chunkMillis.size()));
                    Collections.sort(steady);
                    System.out.printf(Locale.ROOT, "run %d chunked: %,d rows, %d chunks, %.1f s; chunk ms after the "
                                    + "first 10: median %d, p90 %d, max %d (target %d), last size %,d keys%n", r + 1,
                            j.rows(), j.chunks(), chunked.get(r), pct(steady, 50), pct(steady, 90), pct(steady, 100),
                            targetMs, j.lastChunkSize());
                    db.execute(dialect == TestDialect.POSTGRESQL ? "VACUUM t" : "SELECT 1");
                    t0 = System.nanoTime();
                    db.execute("UPDATE t SET qty = qty + 1");
                    single.add((System.nanoTime() - t0) / 1e9);
                    System.out.printf(Locale.ROOT, "run %d one UPDATE: %.1f s%n", r + 1, single.get(r));
                    db.execute(dialect == TestDialect.POSTGRESQL ? "VACUUM t" : "SELECT 1");
                }
                double c = BulkLoadBenchmark.median(chunked);
                double s = BulkLoadBenchmark.median(single);
                System.out.printf(Locale.ROOT, "median: chunked %.1f s (%,.0f rows/s), one UPDATE %.1f s (%,.0f rows/s):"
                        + " chunked throughput %.2fx of one UPDATE%n", c, rows / c, s, rows / s, s / c);
            }
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i));
    }
}
