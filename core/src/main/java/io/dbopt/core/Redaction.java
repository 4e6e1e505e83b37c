package io.dbopt.core;

import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in JDBC URLs, connection properties and free text before they reach logs, reports, metrics or
 * exception messages.
 *
 * <p>Recognised: {@code password=}, {@code sslpassword=}, {@code sslkeypassword}, {@code passwd} and similar keys
 * in URL parameters ({@code ?a=b&password=x}, {@code ;password=x}) and in {@code key=value} text; credentials in
 * the authority part ({@code //user:secret@host}); and {@code PASSWORD 'x'} / {@code IDENTIFIED BY 'x'} clauses in
 * SQL. Redaction is idempotent and never throws. Thread-safe.
 */
public final class Redaction {

    /** What every secret is replaced with. */
    public static final String MASK = "****";

    private static final Set<String> SECRET_KEYS = Set.of("password", "sslpassword", "sslkeypassword",
            "passwd", "pwd", "secret", "trustcertificatekeystorepassword", "keystorepassword",
            "truststorepassword", "serversslcert", "sslkey", "credentials", "token", "accesstoken", "apikey");

    /** {@code key=value} where key names a secret; value runs to the next separator. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(?<key>[a-z0-9_.\\-]*(?:password|passwd|pwd|secret|token|apikey|credentials|sslkey))"
                    + "(?<sep>\\s*[=:]\\s*)(?<value>\"[^\"]*\"|'[^']*'|[^&;,\\s)\"']*)");
    /** {@code scheme://user:secret@host}. */
    private static final Pattern AUTHORITY = Pattern.compile("(?<prefix>//[^/?#@\\s:]*:)(?<secret>[^/?#@\\s]*)@");
    /** SQL {@code PASSWORD 'x'}, {@code IDENTIFIED BY 'x'}. */
    private static final Pattern SQL_PASSWORD = Pattern.compile(
            "(?i)(?<prefix>\\b(?:password|identified\\s+by)\\s+)(?<secret>'(?:[^']|'')*')");

    /** A single-quoted literal, {@code ''} escapes included: MariaDB's {@code Duplicate entry 'x'}. */
    private static final Pattern QUOTED_VALUE = Pattern.compile("'(?:[^']|'')*'");
    /** PostgreSQL's value after a colon: {@code invalid input syntax for type integer: "x"}. */
    private static final Pattern COLON_VALUE = Pattern.compile(":\\s*\"(?:[^\"]|\"\")*\"");
    /** PostgreSQL's key detail {@code Key (a, b)=(1, x)} and row detail {@code Failing row contains (...)}. */
    private static final Pattern ROW_VALUE = Pattern.compile("(?i)(\\)=\\(|row contains \\()[^\\n]*");
    /** pgjdbc's batch message {@code Batch entry 3 INSERT ... VALUES ('x') was aborted}. */
    private static final Pattern BATCH_ENTRY = Pattern.compile("(?i)(batch entry \\d+ ).*?( was aborted)");

    private Redaction() {
    }

    /**
     * A driver's or server's error text made safe for dbopt's own messages and logs: only its first line (pgjdbc
     * appends DETAIL, HINT and WHERE lines, which carry row values), with literal values masked (MariaDB's
     * {@code Duplicate entry 'x'}, PostgreSQL's {@code invalid input syntax ...: "x"} and {@code Key (k)=(x)},
     * pgjdbc's batch entry text) and secrets masked as {@link #redactText} does. Object names in double quotes and
     * backticks, SQLStates and vendor codes stay. Returns the empty string for {@code null}.
     */
    public static String redactDriverText(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl);
        first = BATCH_ENTRY.matcher(first).replaceAll("$1" + MASK + "$2");
        first = ROW_VALUE.matcher(first).replaceAll("$1" + MASK + ")");
        first = COLON_VALUE.matcher(first).replaceAll(": \"" + MASK + "\"");
        first = QUOTED_VALUE.matcher(first).replaceAll("'" + MASK + "'");
        return redactText(first.strip());
    }

    /**
     * The message of {@code t} made safe as {@link #redactDriverText} does, prefixed with the exception's simple
     * class name when it has no message.
     */
    public static String redactDriverText(Throwable t) {
        if (t == null) {
            return "";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : redactDriverText(t.getMessage());
    }

    /** Masks the secrets in a JDBC URL; returns the empty string for {@code null}. */
    public static String redactUrl(String jdbcUrl) {
        return redactText(jdbcUrl);
    }

    /** Masks the secrets in arbitrary text (messages, URLs, SQL); returns the empty string for {@code null}. */
    public static String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.contains("pass") && !lower.contains("pwd") && !lower.contains("secret")
                && !lower.contains("token") && !lower.contains("apikey") && !lower.contains("credentials")
                && !lower.contains("sslkey") && !lower.contains("identified") && text.indexOf('@') < 0) {
            return text;
        }
        String result = replace(AUTHORITY, text, "prefix", "secret");
        result = replace(SQL_PASSWORD, result, "prefix", "secret");
        Matcher m = KEY_VALUE.matcher(result);
        StringBuilder sb = new StringBuilder(result.length());
        while (m.find()) {
            String value = m.group("value");
            String replacement = value.isEmpty() ? m.group() : m.group("key") + m.group("sep") + MASK;
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String replace(Pattern pattern, String text, String keep, String secret) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        boolean found = false;
        while (m.find()) {
            found = true;
            String replacement = m.group(keep) + MASK + m.group().substring(m.end(secret) - m.start());
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        if (!found) {
            return text;
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A copy of connection properties with secret values masked, safe to log. */
    public static Properties redact(Properties properties) {
        Properties copy = new Properties();
        for (String name : properties.stringPropertyNames()) {
            copy.setProperty(name, isSecretKey(name) ? MASK : redactText(properties.getProperty(name)));
        }
        return copy;
    }

    /** Whether a property or parameter name holds a secret ({@code password}, {@code sslpassword}, ...). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        if (SECRET_KEYS.contains(k)) {
            return true;
        }
        return k.endsWith("password") || k.endsWith("passwd") || k.endsWith("secret") || k.endsWith("token");
    }
}
