package io.dbopt.core.config;

import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.core.jdbc.DriverDataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Where the database is: a JDBC URL without credentials, the user and the password kept apart as a {@link Secret}.
 *
 * <p>{@link #parse(String)} reads the JDBC form ({@code jdbc:postgresql://db:5432/app?sslmode=require},
 * {@code jdbc:mariadb://db/app}) and the URL form of SQLAlchemy and most twelve-factor settings
 * ({@code postgresql://user:password@db:5432/app}, {@code postgres://}, {@code mysql://}, {@code mariadb://}, with
 * driver suffixes such as {@code postgresql+psycopg2://} or {@code mysql+pymysql://}). Credentials found in the URL
 * (in the authority or as {@code user=} / {@code password=} parameters) are taken out of it, so {@link #jdbcUrl()}
 * can be logged as is. MySQL URLs are served by the MariaDB driver ({@code jdbc:mariadb:}). Immutable;
 * {@link #toString()} never shows the password.
 *
 * @param jdbcUrl the JDBC URL, without user or password
 * @param user the user name, when one was given
 * @param password the password, {@link Secret#empty()} when none was given
 * @param product the server the URL names
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Secret password, DatabaseProduct product) {

    private static final Pattern SCHEME = Pattern.compile("(?i)^(postgresql|postgres|pgsql|mysql|mariadb)(\\+[a-z0-9_]+)?://");
    private static final Pattern JDBC = Pattern.compile("(?i)^jdbc:(postgresql|mariadb|mysql):");
    private static final Pattern AUTHORITY_CREDENTIALS = Pattern.compile("^(?<user>[^:/?#@]*)(?::(?<password>[^/?#@]*))?@");

    /** Validates. */
    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(product, "product");
    }

    /**
     * Reads a URL in JDBC or SQLAlchemy form.
     *
     * @throws DbOptException with code {@code INVALID_CONFIGURATION} when the URL names no supported server or cannot
     *     be read; the message shows the URL with its password masked
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION,
                    "database.url is empty: give a URL such as jdbc:postgresql://host:5432/db or postgresql://user@host/db");
        }
        String text = url.trim();
        Matcher jdbc = JDBC.matcher(text);
        if (jdbc.find()) {
            DatabaseProduct product = jdbc.group(1).equalsIgnoreCase("postgresql") ? DatabaseProduct.POSTGRESQL
                    : DatabaseProduct.MARIADB;
            String scheme = product == DatabaseProduct.POSTGRESQL ? "jdbc:postgresql:" : "jdbc:mariadb:";
            return fromParts(scheme, text.substring(jdbc.end()), product, text);
        }
        Matcher m = SCHEME.matcher(text);
        if (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            DatabaseProduct product = name.startsWith("postg") || name.equals("pgsql") ? DatabaseProduct.POSTGRESQL
                    : DatabaseProduct.MARIADB;
            String scheme = product == DatabaseProduct.POSTGRESQL ? "jdbc:postgresql:" : "jdbc:mariadb:";
            return fromParts(scheme, "//" + text.substring(m.end()), product, text);
        }
        throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "database.url '" + Redaction.redactUrl(text)
                + "' names no supported server: use jdbc:postgresql://, jdbc:mariadb://, postgresql://, mysql:// or "
                + "mariadb://");
    }

    /** The same place with another user and password (explicit settings win over credentials in the URL). */
    public DatabaseUrl withCredentials(Optional<String> newUser, Secret newPassword) {
        return new DatabaseUrl(jdbcUrl, newUser.or(() -> user), newPassword.isEmpty() ? password : newPassword,
                product);
    }

    /** Driver properties holding the user and password, for {@code Driver.connect} or a pool's data source properties. */
    public Properties credentials() {
        Properties p = new Properties();
        user.ifPresent(u -> p.setProperty("user", u));
        if (!password.isEmpty()) {
            p.setProperty("password", password.reveal());
        }
        return p;
    }

    /**
     * An unpooled data source for this URL and credentials, for short-lived tools and for components that open a
     * connection of their own (health checks). Applications should hand a pool to components. Its connections carry
     * {@link io.dbopt.core.jdbc.DriverDefaults}.
     */
    public DriverDataSource unpooledDataSource() {
        return DriverDataSource.of(jdbcUrl).withUser(user.orElse(null))
                .withPassword(password.isEmpty() ? null : password.reveal().toCharArray());
    }

    /** The JDBC URL and user; never the password. */
    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + user.map(u -> ", user=" + u).orElse("")
                + (password.isEmpty() ? "" : ", password=" + Redaction.MASK) + "]";
    }

    private static DatabaseUrl fromParts(String scheme, String rest, DatabaseProduct product, String original) {
        String user = null;
        String password = null;
        String body = rest;
        if (body.startsWith("//")) {
            String afterSlashes = body.substring(2);
            Matcher cred = AUTHORITY_CREDENTIALS.matcher(afterSlashes);
            if (cred.find()) {
                user = emptyToNull(decode(cred.group("user"), original));
                password = emptyToNull(decode(cred.group("password"), original));
                body = "//" + afterSlashes.substring(cred.end());
            }
        }
        int q = body.indexOf('?');
        String base = q < 0 ? body : body.substring(0, q);
        if (base.equals("//") || base.startsWith("//?") || base.startsWith("///")) {
            throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "database.url '"
                    + Redaction.redactUrl(original) + "' has no host: give one, as in postgresql://user@localhost/db");
        }
        List<String> kept = new ArrayList<>();
        if (q >= 0) {
            for (String param : body.substring(q + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String key = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : param.substring(eq + 1);
                switch (key) {
                    case "user", "username" -> user = user == null ? emptyToNull(decode(value, original)) : user;
                    case "password" -> password = password == null ? emptyToNull(decode(value, original)) : password;
                    default -> kept.add(param);
                }
            }
        }
        String jdbcUrl = scheme + base + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseUrl(jdbcUrl, Optional.ofNullable(user), Secret.of(password), product);
    }

    private static String decode(String text, String original) {
        if (text == null) {
            return null;
        }
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "database.url '"
                    + Redaction.redactUrl(original) + "' has a malformed %-escape in its credentials: write % as %25",
                    null);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
