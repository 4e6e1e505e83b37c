package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.WatchedDataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;

/**
 * The analysis parses the workload's statements with JSqlParser on a thread of its own, started before the catalog
 * checks, so that the parse (about 0.4 s of CPU for 400 statements in a fresh JVM) runs while the checks wait for
 * the server; the findings are those of the parse on the analysis's thread.
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WorkloadParsedAheadIT {

    private static final String HELPER = "dbopt-index-parse";

    @DialectTest
    void parsesTheWorkloadOnAThreadOfItsOwnWhileTheCatalogChecksRun(TestDatabase db) {
        Planted.orders(db, 2_000);
        String p = db.dialect() instanceof PostgresDialect ? "$1" : "?";
        Workload.Builder workload = Workload.builder()
                .add("SELECT id, total FROM orders WHERE status = " + p, 900, Duration.ofSeconds(9));
        for (int i = 0; i < 1_500; i++) {
            // statements on tables the schema does not have: parsed, then nothing to recommend
            workload.add("SELECT a.id, b.code FROM elsewhere_" + i + " a JOIN other_" + i + " b ON b.id = a.ref "
                    + "WHERE a.state = " + p + " AND b.kind IN (1, 2) ORDER BY a.created_at DESC", 1,
                    Duration.ofMillis(1));
        }
        List<Boolean> helperAtChecks = new CopyOnWriteArrayList<>();
        DataSource watched = WatchedDataSource.of(db.dataSource(), sql -> {
            if (sql.contains("-- index.")) {
                helperAtChecks.add(Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals(HELPER)));
            }
        });

        IndexReport report;
        try (IndexManager manager = IndexManager.builder(watched).workload(workload.build()).build()) {
            report = manager.analyze();
        }

        // while the catalog checks run, not necessarily at the first: on a fast machine the checks' start and the
        // parse's race, and what matters is that they overlap at all (with the old code there is no such thread)
        assertThat(helperAtChecks).as("the parse runs while the catalog checks run").contains(true);
        List<Finding> unserved = report.findings().stream()
                .filter(f -> f.check().value().equals("index.unserved-predicate")).toList();
        assertThat(unserved).singleElement().satisfies(f -> {
            assertThat(f.object().name()).contains("orders");
            assertThat(f.message()).contains("filter orders on (status)");
        });
    }
}
