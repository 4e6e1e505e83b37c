package io.dbopt.bench.bulk;

import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.LoadResult;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Heap use of a streamed load does not grow with the row count: loads 1M and then 10M generated rows (never held in
 * a collection) and prints the peak heap in use after each (from the JVM's memory pools, reset in between).
 *
 * <pre>
 * java -Xmx256m -cp bench/target/benchmarks.jar io.dbopt.bench.bulk.BulkMemoryBenchmark [--db postgresql|mariadb]
 *     [--rows 10000000]
 * </pre>
 */
public final class BulkMemoryBenchmark {

    private BulkMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestDialect dialect = BulkLoadBenchmark.arg(args, "--db", "postgresql").equals("mariadb") ? TestDialect.MARIADB
                : TestDialect.POSTGRESQL;
        long big = Long.parseLong(BulkLoadBenchmark.arg(args, "--rows", "10000000"));
        System.out.printf(Locale.ROOT, "heap ceiling %,d MB, %s%n", Runtime.getRuntime().maxMemory() >> 20,
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        try (TestDatabase db = TestDatabases.create(dialect, "bench_bulk_mem");
             BulkOperationHandler bulk = BulkOperationHandler.create(BulkLoadBenchmark.config(db), db.dataSource())) {
            for (long rows : new long[] {big / 10, big}) {
                BulkLoadBenchmark.fresh(db, "t");
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long t0 = System.nanoTime();
                LoadResult r = bulk.load(LoadRequest.into("t", BenchRow.MAPPING), RowSource.of(BenchRow.rows(1, rows)));
                double s = (System.nanoTime() - t0) / 1e9;
                long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                System.out.printf(Locale.ROOT, "%s %,12d rows: %s, %.1f s (%,.0f rows/s), peak heap in use %,d MB "
                        + "(summed pool peaks)%n", dialect.id(), r.rowsInserted(), r.strategy(), s, rows / s,
                        peak >> 20);
            }
        }
    }
}
