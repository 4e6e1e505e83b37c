package io.dbopt.pool.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.pool.HikariPool;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.PoolErrorCode;
import io.dbopt.pool.PoolException;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Starts HikariCP the way dbopt wants it (or readies a pool the user built): HikariCP's own leak detection off
 * (dbopt's replaces it), broken-connection errors classified by {@link SqlErrors}, keepalive and validation timeouts
 * derived from the settings, and a start failure turned into a {@link PoolException} that names the case. Stateless.
 */
public final class HikariPools {

    private static final Duration KEEPALIVE = Duration.ofMinutes(2);

    private HikariPools() {
    }

    /**
     * Starts a HikariCP pool over dbopt's connection factory.
     *
     * @param adaptive whether adaptive sizing starts the pool at {@code pool_size} rather than its maximum
     * @throws PoolException with the acquire codes when {@code failFast} and no first connection can be opened
     */
    public static HikariDataSource start(PoolConfig config, DataSource connections, SQLExceptionOverride override,
                                         boolean failFast, boolean adaptive) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(config.poolName());
        hc.setDataSource(connections);
        hc.setMaximumPoolSize(config.maxSize());
        hc.setMinimumIdle(Math.min(config.poolSize(), config.maxSize()));
        hc.setConnectionTimeout(config.poolTimeout().toMillis());
        hc.setValidationTimeout(Math.max(250, Math.min(5_000, config.poolTimeout().toMillis() / 2)));
        hc.setMaxLifetime(config.poolRecycle().toMillis());
        if (config.poolSize() < config.maxSize()) {
            hc.setIdleTimeout(config.idleTimeout().toMillis());
        }
        Duration recycle = config.poolRecycle();
        hc.setKeepaliveTime(recycle.isZero() || recycle.compareTo(KEEPALIVE) > 0 ? KEEPALIVE.toMillis() : 0);
        hc.setLeakDetectionThreshold(0);
        hc.setExceptionOverride(override);
        hc.setInitializationFailTimeout(failFast ? 1 : -1);
        HikariDataSource hikari;
        try {
            hikari = new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            throw startFailure(config.poolName(), e);
        }
        if (adaptive) {
            hikari.getHikariConfigMXBean().setMaximumPoolSize(Math.max(1, config.poolSize()));
        }
        return hikari;
    }

    /**
     * Readies a pool the user built: refuses a closed one, and starts a lazily started one (so its first connection
     * failure surfaces now), with dbopt's exception override when it has none.
     *
     * @throws PoolException with {@link PoolErrorCode#CLOSED} for a closed pool, or the acquire codes when it cannot
     *     open a first connection
     */
    public static void prepareAdopted(HikariDataSource h, SQLExceptionOverride override) {
        if (h.isClosed()) {
            throw new PoolException(PoolErrorCode.CLOSED, "The HikariCP pool " + h.getPoolName() + " given to adopt("
                    + "...) is closed: adopt an open pool");
        }
        if (h.getHikariPoolMXBean() == null) {
            if (h.getExceptionOverride() == null) {
                h.setExceptionOverride(override);
            }
            try {
                h.getConnection().close();
            } catch (SQLException | RuntimeException e) {
                throw startFailure(h.getPoolName(), e);
            }
        }
    }

    private static PoolException startFailure(String poolName, Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        ErrorKind kind = SqlErrors.classify(cause);
        PoolErrorCode code = switch (kind) {
            case TOO_MANY_CONNECTIONS -> PoolErrorCode.SERVER_OUT_OF_CONNECTIONS;
            case PERMISSION_DENIED -> PoolErrorCode.AUTHENTICATION_FAILED;
            default -> PoolErrorCode.DATABASE_UNREACHABLE;
        };
        return new PoolException(code, poolName + " - cannot open the first connection (" + kind
                + SqlErrors.sqlState(cause).map(s -> ", SQLState " + s).orElse("") + "): "
                + Redaction.redactDriverText(cause)
                + "; check the URL, the credentials and that the server is up, or build with failFast(false) to "
                + "start empty", cause, null);
    }

    /**
     * Evicts connections whose error means the session is gone, as {@link SqlErrors} classifies it, and tells the
     * pool ({@link #onLost(Runnable)}), which then validates the other connections before lending them.
     */
    public static final class BrokenConnectionOverride implements SQLExceptionOverride {
        private volatile Runnable onLost = () -> { };

        /** What to run when a connection is found broken (the pool is built after HikariCP starts). */
        public void onLost(Runnable action) {
            this.onLost = action;
        }

        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            ErrorKind kind = SqlErrors.classify(e);
            if (!kind.connectionBroken()) {
                return SQLExceptionOverride.Override.CONTINUE_EVICT;
            }
            if (kind != ErrorKind.TOO_MANY_CONNECTIONS) {
                onLost.run();
            }
            return SQLExceptionOverride.Override.MUST_EVICT;
        }
    }
}
