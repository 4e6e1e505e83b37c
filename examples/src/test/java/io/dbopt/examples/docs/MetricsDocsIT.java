package io.dbopt.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.RowMapping;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.index.IndexManager;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.json.Change;
import io.dbopt.json.ColumnRef;
import io.dbopt.json.JsonFieldOptimizer;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.TenantPolicy;
import io.dbopt.query.QueryOptimizer;
import io.dbopt.query.cache.QueryCache;
import io.dbopt.testkit.DbTest;
import io.dbopt.transaction.TransactionManager;
import io.dbopt.transaction.TransactionOptions;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Timeout;

/**
 * docs/metrics.md against the code: every module's component is built with one registry, as a user wires them, and
 * the meters it registers are exactly the ones its section of the page lists, under the documented names.
 */
@DbTest
@Timeout(120)
class MetricsDocsIT {

    @DialectTest(TestDialect.POSTGRESQL)
    void everyRegisteredMeterIsDocumentedAndEveryDocumentedMeterIsRegistered(TestDatabase db) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DbOptConfig config = DbOptConfig.of(Map.of("database.url", db.jdbcUrl(), "database.user", db.user(),
                "database.password", db.password(), "pool.size", 1, "pool.max_overflow", 2));
        // adaptive sizing and tenant bulkheads are on, so that their meters exist
        try (ConnectionPoolManager pool = ConnectionPoolManager.builder().config(config).meterRegistry(registry)
                .adaptiveSizing(true).tenants(TenantPolicy.builder().limit("a", 1).build()).build();
             QueryOptimizer query = QueryOptimizer.builder().config(config).dataSource(pool.dataSource())
                     .cache(QueryCache.builder().meterRegistry(registry).build())
                     .meterRegistry(registry).build();
             IndexManager index = IndexManager.builder(pool.dataSource()).config(config).meterRegistry(registry)
                     .build();
             BulkOperationHandler bulk = BulkOperationHandler.builder().config(config).dataSource(pool.dataSource())
                     .meterRegistry(registry).build();
             DatabaseHealthMonitor health = DatabaseHealthMonitor.builder().config(config).attach(pool)
                     .meterRegistry(registry).build();
             JsonFieldOptimizer json = JsonFieldOptimizer.builder(pool.dataSource()).config(config)
                     .meterRegistry(registry).build();
             TransactionManager tx = TransactionManager.builder().config(config).dataSource(pool.dataSource())
                     .meterRegistry(registry).build();
             MigrationFramework migration = MigrationFramework.configure().config(config)
                     .set(io.dbopt.migration.MigrationSet.builder("core")
                             .location("classpath:io/dbopt/examples/migration/plugins/core/{dialect}").build())
                     .dataSource(pool.dataSource()).meterRegistry(registry).load()) {
            migration.healthCheck();
            query.withConnection(c -> c.createStatement().execute("SELECT 1"));
            index.healthCheck();
            health.checkNow();
            // bulk meters are tagged by the kind of work, so they appear with the first load of a kind
            db.execute("CREATE TABLE IF NOT EXISTS metrics_docs (id int PRIMARY KEY, name varchar(20))");
            bulk.load(LoadRequest.into("metrics_docs", RowMapping.<int[]>builder()
                            .column("id", r -> r[0]).column("name", r -> "n" + r[0]).build()),
                    RowSource.of(List.of(new int[] {1}, new int[] {2})));

            // json: values through the codec, a version recorded, a column compressed in place (job meters are
            // tagged by the job's kind, failures by their reason)
            json.compressor().decompress(json.compressor().compress("x".repeat(2000)));
            json.history("metrics_docs_history").record(Change.text("doc", "first version"));
            db.execute("CREATE TABLE IF NOT EXISTS metrics_docs_pages (id int PRIMARY KEY, body text)",
                    "INSERT INTO metrics_docs_pages VALUES (1, repeat('page ', 400)) ON CONFLICT DO NOTHING");
            json.compressor().migration(ColumnRef.of("metrics_docs_pages", "body")).run();

            // transaction: one commit, one failure (rolled back); counters tagged by name appear with their event
            tx.run(TransactionOptions.named("docs"), t -> t.update("UPDATE metrics_docs SET name = name"));
            try {
                tx.run(TransactionOptions.named("docs"), t -> {
                    throw new IllegalStateException("fails on purpose");
                });
            } catch (IllegalStateException expected) {
                // counted as a failure
            }

            Set<String> registered = new TreeSet<>();
            for (Meter m : registry.getMeters()) {
                String name = m.getId().getName();
                // a timer's published percentiles are gauges of its own name plus ".percentile" (docs: Naming)
                if (name.startsWith("dbopt.")) {
                    registered.add(name.endsWith(".percentile") ? name.substring(0, name.length() - 11) : name);
                }
            }
            Set<String> documented = new TreeSet<>(ConfigurationDocsTest.rows(ConfigurationDocsTest.docs("metrics.md"))
                    .keySet());
            documented.removeIf(name -> !name.startsWith("dbopt."));
            List<String> modules = List.of("dbopt.pool.", "dbopt.query.", "dbopt.cache.", "dbopt.index.",
                    "dbopt.bulk.", "dbopt.health.", "dbopt.json.", "dbopt.transaction.", "dbopt.migration.");
            List<String> undocumented = new ArrayList<>(registered);
            undocumented.removeAll(documented);
            List<String> unregistered = new ArrayList<>(documented);
            unregistered.removeIf(name -> modules.stream().noneMatch(name::startsWith));
            unregistered.removeAll(registered);
            // registered on the first event of their kind only: a rejected row, a throttling pause, a notification
            unregistered.removeAll(List.of("dbopt.bulk.rows.rejected", "dbopt.bulk.throttle.pause",
                    "dbopt.health.alert.notifications", "dbopt.json.decompress.failures", "dbopt.transaction.retries",
                    "dbopt.transaction.commit.resolved"));
            assertThat(undocumented).as("meters registered but not in docs/metrics.md").isEmpty();
            assertThat(unregistered).as("meters in docs/metrics.md that the components did not register").isEmpty();
        }
    }
}
