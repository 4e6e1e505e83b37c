package io.dbopt.core.config;

import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated configuration read from a map, {@link Properties} or the environment.
 *
 * <p>Keys are normalised so that {@code pool_size}, {@code pool-size}, {@code pool.size}, {@code poolSize} and the
 * environment variable {@code DBOPT_POOL_SIZE} (with prefix {@code DBOPT_}) all name the same setting. Durations
 * accept {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, ISO-8601 ({@code PT30S}) or a bare number of
 * <em>seconds</em> (the seed's SQLAlchemy convention). Bad values fail at once with a message that names the key,
 * the value (masked when the key holds a secret) and the accepted forms. Immutable and thread-safe.
 */
public final class Settings {

    private static final Pattern DURATION = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?\\s*");
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "off", "0");

    private final Map<String, String> values;
    private final String origin;

    private Settings(Map<String, String> values, String origin) {
        this.values = Map.copyOf(values);
        this.origin = origin;
    }

    /** Settings from a map; later normalised duplicates win. */
    public static Settings of(Map<String, String> map) {
        return new Settings(normalise(map, ""), "map");
    }

    /**
     * Settings from properties. With a non-empty prefix ({@code "dbopt.pool."}) only keys starting with it are read
     * and the prefix is removed.
     */
    public static Settings fromProperties(Properties properties, String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return new Settings(normalise(map, prefix), "properties");
    }

    /** Settings from environment variables starting with {@code prefix} (e.g. {@code DBOPT_}), prefix removed. */
    public static Settings fromEnvironment(String prefix) {
        return fromEnvironment(System.getenv(), prefix);
    }

    /** Settings from the given environment map; for tests and for callers that filter the environment. */
    public static Settings fromEnvironment(Map<String, String> environment, String prefix) {
        return new Settings(normalise(environment, prefix), "environment");
    }

    /** Settings where this instance's values win over {@code fallback}'s. */
    public Settings orElse(Settings fallback) {
        Map<String, String> merged = new LinkedHashMap<>(fallback.values);
        merged.putAll(values);
        return new Settings(merged, origin + "+" + fallback.origin);
    }

    private static Map<String, String> normalise(Map<String, String> source, String prefix) {
        String normalisedPrefix = prefix == null || prefix.isEmpty() ? "" : key(prefix);
        Map<String, String> result = new LinkedHashMap<>();
        source.forEach((k, v) -> {
            if (k == null || v == null) {
                return;
            }
            String key = key(k);
            if (!normalisedPrefix.isEmpty()) {
                if (!key.startsWith(normalisedPrefix)) {
                    return;
                }
                key = key.substring(normalisedPrefix.length());
                if (key.startsWith("_")) {
                    key = key.substring(1);
                }
            }
            if (!key.isEmpty()) {
                result.put(key, v.trim());
            }
        });
        return result;
    }

    /** The normalised form of a key: {@code poolSize}, {@code pool-size}, {@code POOL.SIZE} become {@code pool_size}. */
    public static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                sb.append('_');
            }
            sb.append(c == '-' || c == '.' ? '_' : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** Whether the key is set. */
    public boolean contains(String key) {
        return values.containsKey(key(key));
    }

    /** Every normalised key that is set. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The raw text of a setting. */
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key(key))).filter(v -> !v.isEmpty());
    }

    /** An integer setting. */
    public Optional<Integer> integer(String key) {
        return string(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(key, v, "a whole number such as 10", e);
            }
        });
    }

    /** A long setting. */
    public Optional<Long> longValue(String key) {
        return string(key).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw invalid(key, v, "a whole number", e);
            }
        });
    }

    /** A boolean setting: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}. */
    public Optional<Boolean> bool(String key) {
        return string(key).map(v -> {
            String lower = v.toLowerCase(Locale.ROOT);
            if (TRUE.contains(lower)) {
                return true;
            }
            if (FALSE.contains(lower)) {
                return false;
            }
            throw invalid(key, v, "true or false", null);
        });
    }

    /** A duration setting; a bare number means seconds. */
    public Optional<Duration> duration(String key) {
        return string(key).map(v -> parseDuration(key, v));
    }

    /** An enum setting, matched ignoring case and treating {@code -} as {@code _}. */
    public <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
        return string(key).map(v -> {
            String wanted = v.trim().replace('-', '_').toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
            throw invalid(key, v, "one of " + java.util.Arrays.toString(type.getEnumConstants()), null);
        });
    }

    /** Parses a duration as described in the class comment. */
    public static Duration parseDuration(String key, String text) {
        String v = text.trim();
        if (v.length() > 1 && (v.charAt(0) == 'P' || v.charAt(0) == 'p')) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw invalid(key, text, "a duration such as 30s, 500ms, 5m or PT30S", e);
            }
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw invalid(key, text, "a duration such as 30s, 500ms, 5m or a number of seconds", null);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static DbOptException invalid(String key, String value, String expected, Throwable cause) {
        String shown = Redaction.isSecretKey(key) ? Redaction.MASK : "'" + value + "'";
        return new DbOptException(CoreErrorCode.INVALID_CONFIGURATION,
                "Setting " + key(key) + " = " + shown + " is not valid: use " + expected, cause);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, Redaction.isSecretKey(k) ? Redaction.MASK : Redaction.redactText(v)));
        return "Settings" + shown;
    }
}
