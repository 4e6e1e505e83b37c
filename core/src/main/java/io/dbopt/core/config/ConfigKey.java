package io.dbopt.core.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One typed setting of {@link DbOptConfig}: its canonical name ({@code pool.size}), the spellings it also answers to
 * ({@code max_overflow} for {@code pool.max_overflow}), how its text is parsed and checked, its default and what it
 * does. Modules declare their keys as constants in one holder per module and list them in a {@link ConfigSchema}.
 *
 * <pre>{@code
 * static final ConfigKey<Integer> SIZE = ConfigKey.integer("pool.size")
 *         .defaultValue(10).range(0, 10_000)
 *         .description("Connections kept open (HikariCP minimumIdle).")
 *         .build();
 * }</pre>
 *
 * <p>Names are compared in normalised form ({@link DbOptConfig#normalise(String)}): {@code pool.size},
 * {@code pool_size}, {@code pool-size}, {@code poolSize} and {@code DBOPT_POOL_SIZE} all name this key. Parsing
 * never loses a value silently: a bad value fails with a {@link io.dbopt.core.DbOptException} of code
 * {@link io.dbopt.core.CoreErrorCode#INVALID_CONFIGURATION} that names the key, the value (masked for secrets) and
 * what is allowed. Immutable and thread-safe.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {

    /** Parses a setting's text into a value; throws the exception built by {@code invalid} when it cannot. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String key, String text);
    }

    private final String name;
    private final List<String> aliases;
    private final Class<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final String description;
    private final String allowed;
    private final Parser<T> parser;
    private final Predicate<T> check;
    private final boolean secret;

    private ConfigKey(Builder<T> b) {
        this.name = b.name;
        this.aliases = List.copyOf(b.aliases);
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.defaultText = b.defaultText;
        this.description = b.description;
        this.allowed = b.allowed;
        this.parser = b.parser;
        this.check = b.check;
        this.secret = b.secret;
    }

    /** A whole-number setting ({@code int}). */
    public static Builder<Integer> integer(String name) {
        return new Builder<>(name, Integer.class, "a whole number", (k, v) -> {
            try {
                return Integer.parseInt(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw DbOptConfig.invalid(k, v, "a whole number such as 10", e);
            }
        });
    }

    /** A whole-number setting ({@code long}); accepts {@code _} separators. */
    public static Builder<Long> longValue(String name) {
        return new Builder<>(name, Long.class, "a whole number", (k, v) -> {
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw DbOptConfig.invalid(k, v, "a whole number such as 1000", e);
            }
        });
    }

    /** A byte-size setting: a number of bytes or a number with {@code KB}, {@code MB}, {@code GB} (powers of 1024). */
    public static Builder<Long> bytes(String name) {
        return new Builder<>(name, Long.class, "a size such as 512KB, 64MB or a number of bytes",
                (k, v) -> Values.parseBytes(k, v));
    }

    /** A decimal setting ({@code double}). */
    public static Builder<Double> decimal(String name) {
        return new Builder<>(name, Double.class, "a number", (k, v) -> {
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException("not finite");
                }
                return d;
            } catch (NumberFormatException e) {
                throw DbOptConfig.invalid(k, v, "a number such as 0.5", e);
            }
        });
    }

    /** A boolean setting: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}, any case. */
    public static Builder<Boolean> bool(String name) {
        return new Builder<>(name, Boolean.class, "true or false", Values::parseBoolean);
    }

    /**
     * A duration setting: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, ISO-8601 ({@code PT30S}), or
     * a bare number in {@code bareUnit} (seconds for the seed's keys, milliseconds for HikariCP's).
     */
    public static Builder<Duration> duration(String name, ChronoUnit bareUnit) {
        Objects.requireNonNull(bareUnit, "bareUnit");
        String unit = bareUnit == ChronoUnit.MILLIS ? "milliseconds" : bareUnit.toString().toLowerCase(Locale.ROOT);
        return new Builder<>(name, Duration.class, "a duration such as 30s, 500ms, 5m or a number of " + unit,
                (k, v) -> Values.parseDuration(k, v, bareUnit));
    }

    /** A text setting; blank text counts as not set. */
    public static Builder<String> string(String name) {
        return new Builder<>(name, String.class, "text", (k, v) -> v);
    }

    /** A secret text setting: masked in every message, {@code toString()} and report. */
    public static Builder<Secret> secret(String name) {
        Builder<Secret> b = new Builder<>(name, Secret.class, "text", (k, v) -> Secret.of(v));
        b.secret = true;
        return b;
    }

    /** A comma-separated list of text values; blank entries are dropped. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Builder<List<String>> list(String name) {
        return new Builder<>(name, (Class) List.class, "a comma-separated list",
                (k, v) -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** An enum setting matched ignoring case, with {@code -} read as {@code _}. */
    public static <E extends Enum<E>> Builder<E> enumValue(String name, Class<E> type) {
        Objects.requireNonNull(type, "type");
        String allowed = "one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        return new Builder<>(name, type, allowed, (k, v) -> {
            String wanted = v.trim().replace('-', '_').toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
            throw DbOptConfig.invalid(k, v, allowed, null);
        });
    }

    /** The canonical name, e.g. {@code pool.max_overflow}. */
    public String name() {
        return name;
    }

    /** The section: the part of the name before the first dot ({@code pool}); the name itself when it has none. */
    public String section() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Other spellings this key answers to (the seed's flat keys, older names). */
    public List<String> aliases() {
        return aliases;
    }

    /** The value type. */
    public Class<T> type() {
        return type;
    }

    /** The value used when the key is not set, if there is one. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as documentation shows it ({@code 30s}, {@code 10}, {@code (none)}). */
    public String defaultText() {
        if (defaultText != null) {
            return defaultText;
        }
        if (defaultValue == null) {
            return "(none)";
        }
        if (defaultValue instanceof Duration d) {
            return Values.formatDuration(d);
        }
        if (defaultValue instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (defaultValue instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(defaultValue);
    }

    /** What the key does, one or two sentences. */
    public String description() {
        return description;
    }

    /** The accepted values, as messages and documentation show them. */
    public String allowed() {
        return allowed;
    }

    /** Whether the value is a secret (masked everywhere). */
    public boolean isSecret() {
        return secret;
    }

    /**
     * Parses and checks a value given as text.
     *
     * @throws io.dbopt.core.DbOptException with code {@code INVALID_CONFIGURATION} naming the key, the value and what
     *     is allowed
     */
    public T parse(String text) {
        T value = parser.parse(name, text.trim());
        if (!check.test(value)) {
            throw DbOptConfig.invalid(name, secret ? null : text, allowed, null);
        }
        return value;
    }

    /** Whether {@code normalisedName} is this key's name or one of its aliases, in normalised form. */
    boolean answersTo(String normalisedName) {
        if (DbOptConfig.normalise(name).equals(normalisedName)) {
            return true;
        }
        for (String alias : aliases) {
            if (DbOptConfig.normalise(alias).equals(normalisedName)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Builds a {@link ConfigKey}; validates each call at once. Not thread-safe; {@link #build()} leaves the builder
     * unchanged.
     *
     * @param <T> the value type
     */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> type;
        private final Parser<T> parser;
        private final List<String> aliases = new ArrayList<>();
        private T defaultValue;
        private String defaultText;
        private String description = "";
        private final String baseAllowed;
        private String allowed;
        private Predicate<T> check = v -> true;
        private boolean secret;

        private Builder(String name, Class<T> type, String allowed, Parser<T> parser) {
            if (name == null || !name.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
                throw new IllegalArgumentException("A setting name is lower case words joined by '.' or '_', was '"
                        + name + "'");
            }
            this.name = name;
            this.type = type;
            this.baseAllowed = allowed;
            this.allowed = allowed;
            this.parser = parser;
        }

        /** Another spelling this key answers to. */
        public Builder<T> alias(String alias) {
            if (alias == null || alias.isBlank()) {
                throw new IllegalArgumentException("An alias of " + name + " must not be blank");
            }
            aliases.add(alias);
            return this;
        }

        /** The value used when the key is not set. */
        public Builder<T> defaultValue(T value) {
            this.defaultValue = Objects.requireNonNull(value, "defaultValue");
            return this;
        }

        /** How documentation shows the default when it is not a plain value ({@code "pool.size"} for a derived one). */
        public Builder<T> defaultText(String text) {
            this.defaultText = Objects.requireNonNull(text, "defaultText");
            return this;
        }

        /** What the key does. */
        public Builder<T> description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * A further check on parsed values, with the words that say what it allows ({@code "from 0 to 100"}); they are
         * added to the type's own ({@code "a whole number, from 0 to 100"}).
         */
        public Builder<T> check(Predicate<T> predicate, String allowedText) {
            this.check = this.check.and(Objects.requireNonNull(predicate, "predicate"));
            this.allowed = baseAllowed + ", " + Objects.requireNonNull(allowedText, "allowedText");
            return this;
        }

        /** Numbers from {@code min} to {@code max}, inclusive. */
        public Builder<T> range(long min, long max) {
            if (min > max) {
                throw new IllegalArgumentException("range of " + name + ": min " + min + " > max " + max);
            }
            return check(v -> v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max,
                    "from " + min + " to " + max);
        }

        /** Numbers from {@code min} to {@code max}, inclusive. */
        public Builder<T> range(double min, double max) {
            if (min > max) {
                throw new IllegalArgumentException("range of " + name + ": min " + min + " > max " + max);
            }
            return check(v -> v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max,
                    "from " + min + " to " + max);
        }

        /** Values greater than zero. */
        public Builder<T> positive() {
            return check(v -> v instanceof Duration d ? !d.isNegative() && !d.isZero()
                    : v instanceof Number n && n.doubleValue() > 0, "greater than zero");
        }

        /** Values of zero or more. */
        public Builder<T> notNegative() {
            return check(v -> v instanceof Duration d ? !d.isNegative() : v instanceof Number n && n.doubleValue() >= 0,
                    "zero or more");
        }

        /** Builds the key. */
        public ConfigKey<T> build() {
            return new ConfigKey<>(this);
        }
    }
}
