package io.dbopt.core.jdbc;

import javax.sql.DataSource;

/**
 * A {@link DataSource} a component opened from a configuration and therefore owns: closing it closes the pool (or
 * whatever holds connections) behind it. Obtained from {@link DataSources#open(io.dbopt.core.config.DbOptConfig)}.
 */
public interface OwnedDataSource extends DataSource, AutoCloseable {

    /** What backs it, for logs: {@code "dbopt pool 'app' (10..30 connections)"}; never a password. */
    String describe();

    /** Closes the pool behind the data source; idempotent. */
    @Override
    void close();
}
