package io.dbopt.pool;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.config.Secret;
import io.dbopt.core.metrics.MetricsRecorder;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * What a {@link ConnectionPoolManager.Builder} was asked for, frozen at {@code build()} and handed to
 * {@link PoolAssembly}: exactly one source of connections (a URL with credentials, a data source, or a HikariCP pool
 * to adopt) and every setting as given or defaulted. Immutable (the driver properties are a copy).
 *
 * @param prePingGiven whether {@code pool_pre_ping} was set explicitly (the start-up message explains it then)
 * @param useLifo {@code pool_use_lifo} when it was set; HikariCP has no such switch, the start-up message says so
 * @param socketTimeout the requested socket timeout; a value in the URL wins
 * @param connectTimeout the requested connect timeout, empty for the smaller of 10 s and {@code pool_timeout}
 * @param ownsRecorder whether the pool created the recorder (and closes it)
 */
record PoolSpec(Optional<String> jdbcUrl, Optional<String> username, Secret password, Optional<String> driverClassName,
                Properties driverProperties, Optional<DataSource> dataSource, Optional<HikariDataSource> adopted,
                String poolName, Optional<String> applicationName, int poolSize, int maxOverflow,
                boolean maxOverflowSet, Duration poolTimeout, Duration poolRecycle, boolean prePing,
                boolean prePingGiven, Optional<Boolean> useLifo, boolean echo, Duration idleTimeout,
                Duration socketTimeout, Optional<Duration> connectTimeout, Duration leakThreshold,
                LeakCapture leakCapture, Duration healthCheckInterval, Duration monitorQueryTimeout, int serverReserve,
                int clusterBudget, boolean refuseUnsafe, boolean failFast, Optional<SizingPolicy> sizing,
                Optional<TenantPolicy> tenants, MetricsRecorder recorder, boolean ownsRecorder) {

    /** Copies the driver properties. */
    PoolSpec {
        Properties copy = new Properties();
        copy.putAll(driverProperties);
        driverProperties = copy;
    }

    /** The application name the server should see: the one given, else the pool's name. */
    String application() {
        return applicationName.orElse(poolName);
    }
}
