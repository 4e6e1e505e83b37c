package io.dbopt.core.jdbc;

import io.dbopt.core.config.CoreKeys;
import io.dbopt.core.config.DatabaseUrl;
import io.dbopt.core.config.DbOptConfig;
import java.util.Iterator;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;

/**
 * Opens the data source a component created from a configuration uses: a dbopt pool when dbopt-pool is on the class
 * path (through its {@link DataSourceProvider}), otherwise an unpooled {@link DriverDataSource} that opens one
 * connection per use, said once at INFO. Either way the connections get {@link DriverDefaults} (row values shown in
 * driver errors only with {@code database.show_values}). Stateless.
 */
public final class DataSources {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(DataSources.class);

    private DataSources() {
    }

    /**
     * Opens a data source for {@code config}'s {@code database.url}; the caller owns it and closes it.
     *
     * @throws io.dbopt.core.DbOptException when no {@code database.url} is set or the pool cannot start
     */
    public static OwnedDataSource open(DbOptConfig config) {
        DatabaseUrl url = config.requireDatabase();
        Iterator<DataSourceProvider> providers = ServiceLoader.load(DataSourceProvider.class,
                DataSources.class.getClassLoader()).iterator();
        if (providers.hasNext()) {
            return providers.next().open(config);
        }
        LOG.info("{} - dbopt-pool is not on the class path: connections are opened per use, unpooled",
                url.jdbcUrl());
        return new Unpooled(url, config.get(CoreKeys.SHOW_VALUES));
    }

    /** Opens one physical connection per {@link #getConnection()}; closing does nothing. */
    private static final class Unpooled extends ForwardingDataSource implements OwnedDataSource {
        private final DatabaseUrl url;

        Unpooled(DatabaseUrl url, boolean showValues) {
            super(url.unpooledDataSource().withValuesInErrors(showValues));
            this.url = url;
        }

        @Override
        public String describe() {
            return "unpooled connections to " + url.jdbcUrl();
        }

        @Override
        public void close() {
            // nothing is held between uses
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
