package io.dbopt.core.jdbc;

import io.dbopt.core.Redaction;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An unpooled {@link DataSource} over {@link DriverManager}: every {@link #getConnection()} opens a new physical
 * connection with the URL and properties given here. Meant for tools, tests and examples, where a pool would only
 * hide the server's behaviour. Every connection gets {@link DriverDefaults}: no row values in the driver's error
 * text unless {@link #withValuesInErrors(boolean)} asks for them, no local-infile loading, and connect and socket
 * timeouts ({@link DriverDefaults#CONNECT_TIMEOUT} and {@link DriverDefaults#SOCKET_TIMEOUT} unless
 * {@link #withTimeouts} or the URL say otherwise). Immutable and thread-safe; {@link #toString()} shows the URL
 * redacted and never the password.
 *
 * <pre>{@code
 * DataSource ds = DriverDataSource.of("jdbc:postgresql://db/app").withUser("app").withPassword(secret);
 * }</pre>
 */
public final class DriverDataSource implements DataSource {

    private final String url;
    private final Map<String, String> properties;
    private final boolean showValues;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    private DriverDataSource(String url, Map<String, String> properties, boolean showValues, Duration connectTimeout,
                             Duration socketTimeout) {
        this.url = url;
        this.properties = Map.copyOf(properties);
        this.showValues = showValues;
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
    }

    /**
     * A data source for a JDBC URL.
     *
     * @throws IllegalArgumentException when the text is not a JDBC URL
     */
    public static DriverDataSource of(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Expected a JDBC URL starting with 'jdbc:', got '"
                    + Redaction.redactUrl(jdbcUrl) + "'");
        }
        return new DriverDataSource(jdbcUrl, Map.of(), false, DriverDefaults.CONNECT_TIMEOUT,
                DriverDefaults.SOCKET_TIMEOUT);
    }

    /** A copy that connects as {@code user}; {@code null} leaves the user to the URL. */
    public DriverDataSource withUser(String user) {
        return user == null ? this : withProperty("user", user);
    }

    /** A copy that sends {@code password}; {@code null} sends none. */
    public DriverDataSource withPassword(char[] password) {
        return password == null ? this : withProperty("password", new String(password));
    }

    /** A copy with one more driver property (e.g. {@code ApplicationName}, {@code connectTimeout}). */
    public DriverDataSource withProperty(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new DriverDataSource(url, copy, showValues, connectTimeout, socketTimeout);
    }

    /**
     * A copy whose connections use these timeouts (a timeout set in the URL or through {@link #withProperty} wins).
     *
     * @param socket the longest wait for the server's next byte; zero for none, which lets a silent server hang
     * @throws IllegalArgumentException when {@code connect} is not positive or {@code socket} is negative
     */
    public DriverDataSource withTimeouts(Duration connect, Duration socket) {
        if (connect == null || connect.isNegative() || connect.isZero()) {
            throw new IllegalArgumentException("connect timeout " + connect + " is not valid: use a positive duration");
        }
        if (socket == null || socket.isNegative()) {
            throw new IllegalArgumentException("socket timeout " + socket + " is not valid: use 0 or more");
        }
        return new DriverDataSource(url, properties, showValues, connect, socket);
    }

    /**
     * A copy whose driver may put row values and statement parameters in its error messages (pgjdbc's DETAIL lines,
     * batch entries); off by default, because applications log those messages.
     */
    public DriverDataSource withValuesInErrors(boolean show) {
        return new DriverDataSource(url, properties, show, connectTimeout, socketTimeout);
    }

    /** The JDBC URL as given (it may hold secrets: show it through {@link Redaction#redactUrl}). */
    public String url() {
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties props = new Properties();
        properties.forEach(props::setProperty);
        DriverDefaults.applySafety(url, props, showValues);
        DriverDefaults.applyTimeouts(url, props, connectTimeout, socketTimeout);
        return DriverManager.getConnection(url, props);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return withProperty("user", username).withPassword(password == null ? null : password.toCharArray())
                .getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        DriverManager.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("DriverDataSource logs through the driver, not java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("DriverDataSource is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "DriverDataSource[" + Redaction.redactUrl(url) + (properties.containsKey("user")
                ? " as " + properties.get("user") : "") + "]";
    }
}
