package io.dbopt.core.jdbc;

import io.dbopt.core.config.DbOptConfig;

/**
 * Opens a pooled data source from a configuration; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.dbopt.core.jdbc.DataSourceProvider}). dbopt-pool provides one, so that a component
 * created from a configuration ({@code QueryOptimizer.create(config)}) borrows from a dbopt pool built from the same
 * {@code pool_size}, {@code max_overflow}, ... as the seed's examples expect.
 */
public interface DataSourceProvider {

    /** Opens a data source for the configuration's {@code database.url}; the caller owns and closes it. */
    OwnedDataSource open(DbOptConfig config);
}
