package io.dbopt.pool;

import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.DataSourceProvider;
import io.dbopt.core.jdbc.OwnedDataSource;

/**
 * Lets core's {@code DataSources.open(config)} build a dbopt pool, so that a component created from a configuration
 * ({@code QueryOptimizer.create(config)}) borrows from a pool sized by the same {@code pool_size},
 * {@code max_overflow}, ... Found with {@link java.util.ServiceLoader}. Stateless.
 */
public final class PoolDataSourceProvider implements DataSourceProvider {

    /** For {@link java.util.ServiceLoader}. */
    public PoolDataSourceProvider() {
        // stateless
    }

    /**
     * Starts a pool for the configuration ({@link ConnectionPoolManager#create(DbOptConfig)}) and returns its data
     * source; closing the data source closes the pool.
     */
    @Override
    public OwnedDataSource open(DbOptConfig config) {
        return ConnectionPoolManager.create(config).dataSource();
    }
}
