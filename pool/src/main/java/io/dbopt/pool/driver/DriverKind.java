package io.dbopt.pool.driver;

import io.dbopt.core.jdbc.DriverDefaults;
import io.dbopt.pool.PoolErrorCode;
import io.dbopt.pool.PoolException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The JDBC drivers whose timeout and application-name properties dbopt knows, with the unit each property uses
 * (pgjdbc counts seconds, MariaDB Connector/J milliseconds). Settings already present in the URL win over dbopt's
 * defaults, because both drivers let URL parameters override connection properties.
 */
public enum DriverKind {
    /** pgjdbc. */
    POSTGRESQL("jdbc:postgresql:", "socketTimeout", "connectTimeout", false),
    /** MariaDB Connector/J (also for {@code jdbc:mysql:} URLs it accepts). */
    MARIADB("jdbc:mariadb:", "socketTimeout", "connectTimeout", true),
    /** Any other driver: dbopt sets nothing and cannot check the socket timeout. */
    OTHER("", "", "", false);

    private final String prefix;
    private final String socketTimeoutKey;
    private final String connectTimeoutKey;
    private final boolean millis;

    DriverKind(String prefix, String socketTimeoutKey, String connectTimeoutKey, boolean millis) {
        this.prefix = prefix;
        this.socketTimeoutKey = socketTimeoutKey;
        this.connectTimeoutKey = connectTimeoutKey;
        this.millis = millis;
    }

    /** The kind of driver a JDBC URL names; {@link #OTHER} for null or an unknown prefix. */
    public static DriverKind of(String jdbcUrl) {
        if (jdbcUrl == null) {
            return OTHER;
        }
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith(POSTGRESQL.prefix)) {
            return POSTGRESQL;
        }
        if (lower.startsWith(MARIADB.prefix) || lower.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        return OTHER;
    }

    /** Whether dbopt knows this driver's properties. */
    public boolean known() {
        return this != OTHER;
    }

    /** The URL's query parameters, keys in lower case; later duplicates win. */
    public static Map<String, String> urlParameters(String jdbcUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        if (jdbcUrl == null) {
            return params;
        }
        int q = jdbcUrl.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String part : jdbcUrl.substring(q + 1).split("[&;]")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        return params;
    }

    /** The application name the URL sets (pgjdbc {@code ApplicationName}, MariaDB's {@code program_name}), if any. */
    public String applicationNameInUrl(String jdbcUrl) {
        Map<String, String> params = urlParameters(jdbcUrl);
        if (this == POSTGRESQL) {
            return params.get("applicationname");
        }
        if (this == MARIADB && params.containsKey("connectionattributes")) {
            for (String pair : params.get("connectionattributes").split(",")) {
                int colon = pair.indexOf(':');
                if (colon > 0 && pair.substring(0, colon).trim().equals("program_name")) {
                    return pair.substring(colon + 1).trim();
                }
            }
        }
        return null;
    }

    /**
     * The socket timeout in force: configured in the URL or the properties, else the driver's default (0, none, for
     * both drivers); empty for unknown drivers.
     */
    public Optional<Duration> socketTimeout(String jdbcUrl, Properties properties) {
        return known() ? duration(socketTimeoutKey, jdbcUrl, properties).or(() -> Optional.of(Duration.ZERO))
                : Optional.empty();
    }

    /**
     * The connect timeout in force: configured, else the driver's default (pgjdbc 10 s, MariaDB 30 s); empty for
     * unknown drivers.
     */
    public Optional<Duration> connectTimeout(String jdbcUrl, Properties properties) {
        Duration driverDefault = this == POSTGRESQL ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
        return known() ? duration(connectTimeoutKey, jdbcUrl, properties).or(() -> Optional.of(driverDefault))
                : Optional.empty();
    }

    private Optional<Duration> duration(String key, String jdbcUrl, Properties properties) {
        if (!known()) {
            return Optional.empty();
        }
        String value = urlParameters(jdbcUrl).get(key.toLowerCase(Locale.ROOT));
        if (value == null) {
            for (String name : properties.stringPropertyNames()) {
                if (name.equalsIgnoreCase(key)) {
                    value = properties.getProperty(name);
                }
            }
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long amount = Long.parseLong(value.trim());
            return Optional.of(millis ? Duration.ofMillis(amount) : Duration.ofSeconds(amount));
        } catch (NumberFormatException e) {
            throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "The driver property " + key + " = '"
                    + value + "' is not a whole number of " + (millis ? "milliseconds" : "seconds")
                    + ": fix it in the JDBC URL or the driver properties");
        }
    }

    /**
     * Adds dbopt's defaults to the driver properties, leaving alone every key the URL or the user already set: the
     * timeouts, keep-alive, the application name, and {@link DriverDefaults#applySafety the safety settings} (no row
     * values in driver errors, no local infile).
     *
     * @param socketTimeout zero for none
     */
    public void applyDefaults(String jdbcUrl, Properties properties, Duration socketTimeout, Duration connectTimeout,
                              String applicationName) {
        if (!known()) {
            return;
        }
        Map<String, String> inUrl = urlParameters(jdbcUrl);
        putIfAbsent(inUrl, properties, socketTimeoutKey, amount(socketTimeout));
        putIfAbsent(inUrl, properties, connectTimeoutKey, amount(connectTimeout));
        putIfAbsent(inUrl, properties, "tcpKeepAlive", "true");
        DriverDefaults.applySafety(jdbcUrl, properties, false);
        if (this == POSTGRESQL) {
            putIfAbsent(inUrl, properties, "ApplicationName", applicationName);
        } else {
            putIfAbsent(inUrl, properties, "connectionAttributes", "program_name:" + applicationName);
        }
    }

    private String amount(Duration d) {
        if (millis) {
            return Long.toString(d.toMillis());
        }
        return Long.toString(d.isZero() ? 0 : Math.max(1, (d.toMillis() + 999) / 1000));
    }

    private static void putIfAbsent(Map<String, String> inUrl, Properties properties, String key, String value) {
        if (inUrl.containsKey(key.toLowerCase(Locale.ROOT))) {
            return;
        }
        for (String name : properties.stringPropertyNames()) {
            if (name.equalsIgnoreCase(key)) {
                return;
            }
        }
        properties.setProperty(key, value);
    }
}
