package io.dbopt.examples.docs;

import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.index.IndexManager;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.json.Change;
import io.dbopt.json.JsonFieldOptimizer;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.query.QueryOptimizer;
import io.dbopt.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an application without Micrometer does with every component: built from one configuration, used, asked for
 * metrics and health, closed. Run by {@link NoMicrometerIT} in a class loader that cannot see Micrometer; it must
 * reference nothing but dbopt and the JDK.
 */
public final class NoMicrometerScenario {

    private NoMicrometerScenario() {
    }

    /** Runs the scenario; returns each component's health status, in order. */
    public static List<String> run(String jdbcUrl, String user, String password) {
        DbOptConfig config = DbOptConfig.of(Map.of("database.url", jdbcUrl, "database.user", user,
                "database.password", password, "pool.size", 1, "pool.max_overflow", 2,
                "migration.sets", "core=classpath:io/dbopt/examples/migration/plugins/core/{dialect}"));
        List<String> statuses = new ArrayList<>();
        try (ConnectionPoolManager pool = ConnectionPoolManager.create(config);
             QueryOptimizer query = QueryOptimizer.create(config, pool.dataSource());
             IndexManager index = IndexManager.create(config, pool.dataSource());
             BulkOperationHandler bulk = BulkOperationHandler.create(config, pool.dataSource());
             DatabaseHealthMonitor health = DatabaseHealthMonitor.builder().config(config).attach(pool).build();
             JsonFieldOptimizer json = JsonFieldOptimizer.create(config, pool.dataSource());
             TransactionManager tx = TransactionManager.create(config, pool.dataSource());
             MigrationFramework migration = MigrationFramework.create(config, pool.dataSource())) {
            migration.migrate();
            query.withConnection(c -> c.createStatement().execute("SELECT 1"));
            pool.inTransaction(c -> c.createStatement().execute("SELECT 1"));
            health.checkNow();
            tx.run(t -> t.query("SELECT 1", rs -> rs.getInt(1)));
            json.compressor().decompress(json.compressor().compress("x".repeat(2000)));
            json.history("no_micrometer_history").record(Change.text("doc", "first version"));
            for (var component : List.<io.dbopt.core.component.DbOptComponent<?>>of(pool, query, index, bulk, health, json, tx,
                    migration)) {
                component.metrics().values();
                HealthStatus status = component.healthCheck().status();
                statuses.add(component.componentName() + "=" + status);
            }
        }
        return statuses;
    }
}
