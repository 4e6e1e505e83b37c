package io.dbopt.health.probe;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.config.DatabaseUrl;
import io.dbopt.core.jdbc.DriverDataSource;
import javax.sql.DataSource;

/** Builds the unpooled data source of the checker's own connection from a {@link DatabaseUrl}. Stateless. */
public final class ProbeDataSources {

    private ProbeDataSources() {
    }

    /**
     * An unpooled data source for {@code url} whose connections carry the driver's connect, login and socket
     * timeouts and the application name, so even opening a connection to a hung server ends in bounded time.
     */
    public static DataSource forUrl(DatabaseUrl url, ProbeSettings settings) {
        DriverDataSource ds = DriverDataSource.of(url.jdbcUrl()).withUser(url.user().orElse(null))
                .withPassword(url.password().isEmpty() ? null : url.password().reveal().toCharArray());
        long connectMs = Math.max(1, settings.connectTimeout().toMillis());
        long socketMs = Math.max(1, settings.networkTimeout().toMillis());
        if (url.product() == DatabaseProduct.POSTGRESQL) {
            String connectSeconds = Long.toString(Math.max(1, (connectMs + 999) / 1000));
            return ds.withProperty("connectTimeout", connectSeconds)
                    .withProperty("loginTimeout", connectSeconds)
                    .withProperty("socketTimeout", Long.toString(Math.max(1, (socketMs + 999) / 1000)))
                    .withProperty("ApplicationName", settings.applicationName());
        }
        return ds.withProperty("connectTimeout", Long.toString(connectMs))
                .withProperty("socketTimeout", Long.toString(socketMs))
                .withProperty("connectionAttributes", "program_name:" + settings.applicationName());
    }
}
