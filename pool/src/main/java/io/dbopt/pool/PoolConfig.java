package io.dbopt.pool;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings a {@link ConnectionPoolManager} runs with, after defaults were applied and the driver was asked what
 * it uses; returned by {@link ConnectionPoolManager#config()}. Holds no credentials, and the URL only in redacted
 * form. Immutable.
 *
 * @param poolName the pool's name, first word of every log line
 * @param applicationName the name the server attributes sessions to ({@code application_name} on PostgreSQL, the
 *     {@code program_name} connection attribute on MariaDB); instances sharing it share the cluster budget
 * @param redactedUrl the JDBC URL with secrets masked, empty when the pool was built on a data source
 * @param poolSize the core size ({@code pool_size}): connections kept open and the floor of adaptive sizing
 * @param maxOverflow how far above {@code poolSize} the pool may grow ({@code max_overflow})
 * @param poolTimeout how long a borrower waits for a connection ({@code pool_timeout})
 * @param poolRecycle the maximum lifetime of a connection, zero for none ({@code pool_recycle})
 * @param prePing whether a connection idle for more than 500 ms is validated before it is lent ({@code pre_ping})
 * @param echo whether checkouts, returns, creations, evictions and resizes are logged at INFO ({@code echo_pool})
 * @param idleTimeout how long a connection above the core size may sit idle before it is closed
 * @param socketTimeout the driver's socket timeout; zero means none (a hung server hangs borrowers); empty when
 *     dbopt cannot tell (a driver it does not know, or a user's data source)
 * @param connectTimeout the driver's connect timeout; empty when dbopt cannot tell
 * @param leakThreshold how long a borrow may last before it is reported as a suspected leak, zero for never
 * @param leakCapture when the borrowing stack trace is recorded
 * @param healthCheckInterval how often the health check reconciles with the server, zero for never
 * @param serverReserve connections adaptive sizing always leaves free on the server for administrators
 * @param clusterBudget the most sessions all instances with this application name may hold, zero for no budget
 * @param refuseUnsafe whether unsafe settings (socket timeout of zero) fail the build instead of a warning
 * @param sizing the adaptive sizing policy, empty for a fixed pool of {@code poolSize + maxOverflow}
 * @param tenants the tenant bulkheads, empty when the pool is not shared by tenants
 */
public record PoolConfig(String poolName, String applicationName, String redactedUrl, int poolSize, int maxOverflow,
                         Duration poolTimeout, Duration poolRecycle, boolean prePing, boolean echo,
                         Duration idleTimeout, Optional<Duration> socketTimeout, Optional<Duration> connectTimeout,
                         Duration leakThreshold,
                         LeakCapture leakCapture, Duration healthCheckInterval, int serverReserve, int clusterBudget,
                         boolean refuseUnsafe, Optional<SizingPolicy> sizing, Optional<TenantPolicy> tenants) {

    /** Validates that nothing is missing. */
    public PoolConfig {
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(redactedUrl, "redactedUrl");
        Objects.requireNonNull(poolTimeout, "poolTimeout");
        Objects.requireNonNull(poolRecycle, "poolRecycle");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(leakThreshold, "leakThreshold");
        Objects.requireNonNull(leakCapture, "leakCapture");
        Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(tenants, "tenants");
    }

    /** The largest the pool may be: {@code poolSize + maxOverflow}. */
    public int maxSize() {
        return poolSize + maxOverflow;
    }

    /** Whether adaptive sizing is on. */
    public boolean adaptive() {
        return sizing.isPresent();
    }
}
