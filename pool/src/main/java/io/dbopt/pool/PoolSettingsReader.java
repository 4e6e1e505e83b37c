package io.dbopt.pool;

import io.dbopt.core.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Applies settings by name to a builder, in the seed's terms ({@code pool_size}, {@code max_overflow},
 * {@code pool_timeout}, {@code pool_recycle}, {@code pre_ping}; bare numbers are seconds, {@code pool_recycle = -1}
 * means never) or HikariCP's ({@code maximum_pool_size}, {@code minimum_idle}, {@code connection_timeout},
 * {@code max_lifetime}, {@code idle_timeout}, {@code leak_detection_threshold}; bare numbers are milliseconds, as in
 * HikariCP). Unknown names fail, listing the known ones. Stateless.
 */
final class PoolSettingsReader {

    private static final List<String> KNOWN = List.of("url", "jdbc_url", "username", "user", "password",
            "driver_class_name", "pool_name", "application_name", "pool_size", "minimum_idle", "max_overflow",
            "maximum_pool_size", "pool_timeout", "connection_timeout", "pool_recycle", "max_lifetime", "pre_ping",
            "idle_timeout", "socket_timeout", "connect_timeout", "leak_threshold", "leak_detection_threshold",
            "leak_capture", "health_check_interval", "adaptive", "adaptive_sizing", "cluster_budget",
            "server_reserve", "refuse_unsafe_settings", "fail_fast", "monitor_query_timeout");

    private PoolSettingsReader() {
    }

    static void apply(Settings s, ConnectionPoolManager.Builder b) {
        for (String key : s.keys()) {
            if (!KNOWN.contains(key)) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Unknown pool setting '" + key
                        + "': known settings are " + new TreeSet<>(KNOWN));
            }
        }
        first(s, "jdbc_url", "url").ifPresent(b::jdbcUrl);
        first(s, "username", "user").ifPresent(b::username);
        s.string("password").ifPresent(b::password);
        s.string("driver_class_name").ifPresent(b::driverClassName);
        s.string("pool_name").ifPresent(b::poolName);
        s.string("application_name").ifPresent(b::applicationName);
        s.integer("pool_size").or(() -> s.integer("minimum_idle")).ifPresent(b::poolSize);
        s.integer("max_overflow").ifPresent(b::maxOverflow);
        s.integer("maximum_pool_size").ifPresent(max -> {
            if (s.contains("max_overflow")) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Set either max_overflow or "
                        + "maximum_pool_size, not both: maximum_pool_size = pool_size + max_overflow");
            }
            if (max < b.poolSize) {
                throw PoolBootstrap.invalid("maximum_pool_size", Integer.toString(max), "at least pool_size ("
                        + b.poolSize + ")");
            }
            b.maxOverflow(max - b.poolSize);
        });
        seconds(s, "pool_timeout").or(() -> millis(s, "connection_timeout")).ifPresent(b::poolTimeout);
        recycle(s).or(() -> millis(s, "max_lifetime")).ifPresent(b::poolRecycle);
        s.bool("pre_ping").ifPresent(b::prePing);
        millis(s, "idle_timeout").ifPresent(b::idleTimeout);
        seconds(s, "socket_timeout").ifPresent(b::socketTimeout);
        seconds(s, "connect_timeout").ifPresent(b::connectTimeout);
        seconds(s, "leak_threshold").or(() -> millis(s, "leak_detection_threshold"))
                .ifPresent(b::leakDetectionThreshold);
        s.enumValue("leak_capture", LeakCapture.class).ifPresent(b::leakCapture);
        seconds(s, "health_check_interval").ifPresent(b::healthCheckInterval);
        seconds(s, "monitor_query_timeout").ifPresent(b::monitorQueryTimeout);
        s.bool("adaptive").or(() -> s.bool("adaptive_sizing")).ifPresent(b::adaptiveSizing);
        s.integer("cluster_budget").ifPresent(b::clusterBudget);
        s.integer("server_reserve").ifPresent(b::serverReserve);
        s.bool("refuse_unsafe_settings").ifPresent(b::refuseUnsafeSettings);
        s.bool("fail_fast").ifPresent(b::failFast);
    }

    private static Optional<String> first(Settings s, String a, String b) {
        return s.string(a).or(() -> s.string(b));
    }

    /** A duration where a bare number means seconds (the seed's convention). */
    private static Optional<Duration> seconds(Settings s, String key) {
        return s.duration(key);
    }

    /** A duration where a bare number means milliseconds (HikariCP's convention). */
    private static Optional<Duration> millis(Settings s, String key) {
        return s.string(key).map(v -> v.matches("\\d+") ? Duration.ofMillis(Long.parseLong(v))
                : Settings.parseDuration(key, v));
    }

    private static Optional<Duration> recycle(Settings s) {
        return s.string("pool_recycle").map(v -> v.trim().equals("-1") ? Duration.ZERO
                : Settings.parseDuration("pool_recycle", v));
    }
}
