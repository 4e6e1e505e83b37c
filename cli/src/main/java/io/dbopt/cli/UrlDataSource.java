package io.dbopt.cli;

import io.dbopt.core.Redaction;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An unpooled data source over {@link DriverManager} for the CLI: a connect timeout, an application name the
 * server can attribute sessions to, and the password kept out of {@link #toString()}.
 */
final class UrlDataSource implements DataSource {

    private final String url;
    private final String user;
    private final char[] password;
    private final String applicationName;

    UrlDataSource(String url, String user, char[] password, String applicationName) {
        this.url = url;
        this.user = user;
        this.password = password == null ? null : password.clone();
        this.applicationName = applicationName;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", new String(password));
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            props.setProperty("ApplicationName", applicationName);
            props.setProperty("connectTimeout", "10");
        } else if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            props.setProperty("connectTimeout", "10000");
            props.setProperty("connectionAttributes", "program_name:" + applicationName);
        }
        return DriverManager.getConnection(url, props);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return new UrlDataSource(url, username, pass == null ? null : pass.toCharArray(), applicationName)
                .getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager's log writer is global; not set per data source
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
        throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "UrlDataSource[" + Redaction.redactUrl(url) + "]";
    }
}
