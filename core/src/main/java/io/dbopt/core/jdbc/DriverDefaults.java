package io.dbopt.core.jdbc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The driver settings dbopt gives every connection it opens or builds: no row values or statement parameters in
 * the driver's error text (pgjdbc {@code logServerErrorDetail=false}, MariaDB Connector/J
 * {@code dumpQueriesOnException=false}), no {@code LOAD DATA LOCAL INFILE} unless a caller asks for it (MariaDB
 * {@code allowLocalInfile=false}, on by default in Connector/J 3.x, lets a hostile server read client files), and
 * connect, login and socket timeouts in the unit each driver counts (pgjdbc seconds, Connector/J milliseconds).
 *
 * <p>Every setting is a default: a key already given in the JDBC URL or in the properties wins, so a user who wants
 * the values in error messages sets {@code logServerErrorDetail=true} (or {@code database.show_values}). Drivers
 * other than pgjdbc and MariaDB Connector/J get nothing. Stateless.
 */
public final class DriverDefaults {

    /** The connect timeout used when a caller gives none. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The socket timeout used when a caller gives none: longer than any statement timeout dbopt sets on its own
     * statements, short enough that a silent server does not hang a tool forever.
     */
    public static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(10);

    private DriverDefaults() {
    }

    /** Whether {@code jdbcUrl} is a pgjdbc URL. */
    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    /** Whether {@code jdbcUrl} is served by MariaDB Connector/J ({@code jdbc:mariadb:} or {@code jdbc:mysql:}). */
    public static boolean isMariaDb(String jdbcUrl) {
        String lower = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:");
    }

    /**
     * Adds the safety settings to {@code properties}, leaving every key the URL or the properties already set.
     *
     * @param showValues whether the driver may put row values and parameters in its error messages
     */
    public static void applySafety(String jdbcUrl, Properties properties, boolean showValues) {
        safety(jdbcUrl, showValues).forEach((k, v) -> putIfAbsent(jdbcUrl, properties, k, v));
    }

    /**
     * The safety settings for a driver, as {@link #applySafety} adds them (empty for unknown drivers).
     *
     * @param showValues whether the driver may put row values and parameters in its error messages
     */
    public static Map<String, String> safety(String jdbcUrl, boolean showValues) {
        Map<String, String> m = new LinkedHashMap<>();
        if (isPostgres(jdbcUrl)) {
            m.put("logServerErrorDetail", Boolean.toString(showValues));
        } else if (isMariaDb(jdbcUrl)) {
            m.put("allowLocalInfile", "false");
            m.put("dumpQueriesOnException", Boolean.toString(showValues));
        }
        return m;
    }

    /**
     * Adds connect (and for pgjdbc login) and socket timeouts to {@code properties}, leaving every key the URL or
     * the properties already set.
     *
     * @param socket zero for none (a silent server then hangs the caller: avoid)
     */
    public static void applyTimeouts(String jdbcUrl, Properties properties, Duration connect, Duration socket) {
        if (isPostgres(jdbcUrl)) {
            String connectSeconds = seconds(connect);
            putIfAbsent(jdbcUrl, properties, "connectTimeout", connectSeconds);
            // connectTimeout bounds the TCP connect only; loginTimeout bounds the start-up exchange as well
            putIfAbsent(jdbcUrl, properties, "loginTimeout", connectSeconds);
            putIfAbsent(jdbcUrl, properties, "socketTimeout", seconds(socket));
        } else if (isMariaDb(jdbcUrl)) {
            putIfAbsent(jdbcUrl, properties, "connectTimeout", Long.toString(Math.max(1, connect.toMillis())));
            putIfAbsent(jdbcUrl, properties, "socketTimeout", Long.toString(socket.toMillis()));
        }
    }

    /** Whether the URL's parameters or the properties set {@code key} (names compared ignoring case). */
    public static boolean isSet(String jdbcUrl, Properties properties, String key) {
        for (String name : properties.stringPropertyNames()) {
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        int q = jdbcUrl == null ? -1 : jdbcUrl.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String part : jdbcUrl.substring(q + 1).split("[&;]")) {
            int eq = part.indexOf('=');
            String name = (eq < 0 ? part : part.substring(0, eq)).trim();
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private static void putIfAbsent(String jdbcUrl, Properties properties, String key, String value) {
        if (!isSet(jdbcUrl, properties, key)) {
            properties.setProperty(key, value);
        }
    }

    private static String seconds(Duration d) {
        return Long.toString(d.isZero() ? 0 : Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
