package io.dbopt.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one configuration of every dbopt component: the seed's flat keys ({@code database_url}, {@code pool_size},
 * {@code max_overflow}, {@code pool_timeout}, {@code pool_recycle}, {@code pool_pre_ping}, {@code pool_use_lifo},
 * {@code echo_pool}) and one section per module ({@code pool.*}, {@code query.*}, {@code cache.*}, {@code index.*},
 * {@code transaction.*}, {@code migration.*}, {@code bulk.*}, {@code json.*}, {@code health.*}, {@code alerts.*}).
 *
 * <pre>{@code
 * DbOptConfig config = DbOptConfig.of(Map.of(
 *         "database_url", "postgresql://app:secret@db:5432/app",
 *         "pool_size", 10, "max_overflow", 20, "pool_timeout", 30, "pool_recycle", 1800));
 * try (ConnectionPoolManager pool = ConnectionPoolManager.create(config)) { ... }
 * }</pre>
 *
 * <p>Read from a {@link #of(Map) map}, {@link #fromProperties(Properties) properties} (keys may carry a
 * {@code dbopt.} prefix), a {@link #fromFile(Path) file} ({@code .properties} or {@code .json}, nested objects read
 * as sections) or the {@link #fromEnvironment() environment} ({@code DBOPT_POOL_SIZE}); layer them with
 * {@link #withOverrides(DbOptConfig)}. Key spellings are normalised: {@code pool.size}, {@code pool_size},
 * {@code pool-size}, {@code poolSize} and {@code DBOPT_POOL_SIZE} are one key.
 *
 * <p>Every key is checked when the configuration is built, against the {@link ConfigSchema} of every dbopt module on
 * the class path: an unknown key fails with the nearest known one, a key of a module that is missing says which
 * artifact to add, and a bad value fails naming the key, the value (masked for secrets) and what is allowed. All
 * failures are {@link DbOptException}s with code {@link CoreErrorCode#INVALID_CONFIGURATION}. The database URL is
 * accepted in JDBC and in SQLAlchemy form and kept as a {@link DatabaseUrl}, its password apart from the URL text.
 * Immutable and thread-safe; {@link #toString()} masks secrets.
 */
public final class DbOptConfig {

    /** Environment variables of the test kit, never read as settings. */
    private static final String TEST_PREFIX = "DBOPT_TEST_";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sections and the artifact that reads them, for sections whose module may not be on the class path. */
    private static final Map<String, String> SECTION_MODULES = Map.ofEntries(
            Map.entry("database", "dbopt-core"), Map.entry("pool", "dbopt-pool"), Map.entry("query", "dbopt-query"),
            Map.entry("cache", "dbopt-query"), Map.entry("index", "dbopt-index"),
            Map.entry("transaction", "dbopt-transaction"), Map.entry("migration", "dbopt-migration"),
            Map.entry("bulk", "dbopt-bulk"), Map.entry("json", "dbopt-json"), Map.entry("health", "dbopt-health"),
            Map.entry("alerts", "dbopt-health"), Map.entry("doctor", "dbopt-core"));

    /** The seed's flat keys that belong to a module section, for the message when that module is missing. */
    private static final Map<String, String> FLAT_KEY_SECTIONS = Map.of("max_overflow", "pool", "echo_pool", "pool");

    private static final DbOptConfig EMPTY = new DbOptConfig(Map.of(), Map.of());

    private final Map<ConfigKey<?>, Object> values;
    /** The spelling each key was given in, for messages. */
    private final Map<ConfigKey<?>, String> spelling;

    private DbOptConfig(Map<ConfigKey<?>, Object> values, Map<ConfigKey<?>, String> spelling) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.spelling = Collections.unmodifiableMap(new LinkedHashMap<>(spelling));
    }

    /** A configuration with nothing set: every key at its default. */
    public static DbOptConfig empty() {
        return EMPTY;
    }

    /**
     * A configuration from a map; values may be text, numbers, booleans, {@link java.time.Duration}s, enums or
     * {@link Secret}s, and nested maps are read as sections ({@code Map.of("pool", Map.of("size", 10))}).
     *
     * @throws DbOptException when a key is unknown, set twice under two spellings, or its value is not valid
     */
    public static DbOptConfig of(Map<String, ?> map) {
        Objects.requireNonNull(map, "map");
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", map, flat);
        return build(flat, "map");
    }

    /**
     * A configuration from properties. Keys starting with {@code dbopt.} have it removed, so one application file can
     * hold {@code dbopt.pool.size=10} beside its own keys; with {@code onlyPrefixed} the other keys are ignored.
     */
    public static DbOptConfig fromProperties(Properties properties, boolean onlyPrefixed) {
        Objects.requireNonNull(properties, "properties");
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : new TreeMap<>(propertiesAsMap(properties)).keySet()) {
            String key = name;
            if (name.startsWith("dbopt.")) {
                key = name.substring("dbopt.".length());
            } else if (onlyPrefixed) {
                continue;
            }
            map.put(key, properties.getProperty(name));
        }
        return build(map, "properties");
    }

    /** A configuration from properties, every key read ({@code dbopt.} prefixes removed). */
    public static DbOptConfig fromProperties(Properties properties) {
        return fromProperties(properties, false);
    }

    /**
     * A configuration from a file: {@code .json} (objects nest into sections) or any other name read as Java
     * properties (UTF-8).
     *
     * @throws DbOptException when the file cannot be read or parsed (naming the file), or a setting is not valid
     */
    public static DbOptConfig fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".json")) {
                JsonNode root;
                try (InputStream in = Files.newInputStream(file)) {
                    root = JSON.readTree(in);
                }
                if (root == null || !root.isObject()) {
                    throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "Configuration file " + file
                            + " must hold one JSON object of settings");
                }
                Map<String, Object> flat = new LinkedHashMap<>();
                flattenJson("", root, flat);
                return build(flat, file.toString());
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            return fromProperties(p, false);
        } catch (IOException e) {
            throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "Cannot read configuration file " + file
                    + ": " + e.getClass().getSimpleName() + "; check that it exists and is readable", e);
        }
    }

    /** A configuration from this process's {@code DBOPT_*} environment variables ({@code DBOPT_TEST_*} excepted). */
    public static DbOptConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** A configuration from the {@code DBOPT_*} entries of the given environment; for tests and filtered environments. */
    public static DbOptConfig fromEnvironment(Map<String, String> environment) {
        Map<String, Object> map = new LinkedHashMap<>();
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith("DBOPT_") && !name.startsWith(TEST_PREFIX) && value != null) {
                map.put(name.substring("DBOPT_".length()), value);
            }
        });
        return build(map, "environment");
    }

    /** A builder for settings given one at a time. */
    public static Builder builder() {
        return new Builder();
    }

    /** This configuration with every key set in {@code overrides} taking that value. */
    public DbOptConfig withOverrides(DbOptConfig overrides) {
        Map<ConfigKey<?>, Object> merged = new LinkedHashMap<>(values);
        Map<ConfigKey<?>, String> spellings = new LinkedHashMap<>(spelling);
        merged.putAll(overrides.values);
        spellings.putAll(overrides.spelling);
        return new DbOptConfig(merged, spellings);
    }

    /** The value of a key: the one set, else its default. */
    public <T> T get(ConfigKey<T> key) {
        return find(key).or(key::defaultValue).orElseThrow(() -> new DbOptException(
                CoreErrorCode.INVALID_CONFIGURATION, "Setting " + key.name() + " is required: " + key.description()));
    }

    /** The value of a key when it is set; its default is not returned. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        Object v = values.get(Objects.requireNonNull(key, "key"));
        return Optional.ofNullable(v).map(key.type()::cast);
    }

    /** Whether a key is set. */
    public boolean isSet(ConfigKey<?> key) {
        return values.containsKey(key);
    }

    /** Every key that is set, in the order given. */
    public Set<ConfigKey<?>> keys() {
        return values.keySet();
    }

    /** The keys set in one section ({@code "pool"}). */
    public List<ConfigKey<?>> keysIn(String section) {
        return values.keySet().stream().filter(k -> k.section().equals(section)).toList();
    }

    /**
     * Where the database is, from {@code database.url} (JDBC or SQLAlchemy form) with {@code database.user} and
     * {@code database.password} taking precedence over credentials in the URL; empty when no URL is set.
     */
    public Optional<DatabaseUrl> database() {
        return find(CoreKeys.URL).map(url -> DatabaseUrl.parse(url)
                .withCredentials(find(CoreKeys.USER), find(CoreKeys.PASSWORD).orElse(Secret.empty())));
    }

    /**
     * Where the database is.
     *
     * @throws DbOptException when {@code database.url} is not set, saying how to set it
     */
    public DatabaseUrl requireDatabase() {
        return database().orElseThrow(() -> new DbOptException(CoreErrorCode.INVALID_CONFIGURATION,
                "No database.url is set: give database_url (e.g. postgresql://user@host:5432/db) in the "
                        + "configuration, or DBOPT_DATABASE_URL in the environment"));
    }

    /** The spelling a key was given in ({@code pool_size}), for messages; its name when it was not set. */
    public String spellingOf(ConfigKey<?> key) {
        return spelling.getOrDefault(key, key.name());
    }

    /**
     * Parses a duration the way configuration values are read ({@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h},
     * {@code PT30S}; a bare number counts seconds), for options that arrive outside a config, such as command-line
     * flags.
     *
     * @param name what the value is called in messages (a key or an option such as {@code --lock-timeout})
     * @throws DbOptException naming {@code name}, the value and the forms allowed, when {@code text} is not a duration
     */
    public static java.time.Duration parseDuration(String name, String text) {
        return Values.parseDuration(name, text, java.time.temporal.ChronoUnit.SECONDS);
    }

    /** Every key of every module on the class path, in schema order; for documentation and tools. */
    public static List<ConfigKey<?>> knownKeys() {
        return Schemas.all().keys();
    }

    /** Every module schema found on the class path, core's first. */
    public static List<ConfigSchema> schemas() {
        return Schemas.all().schemas();
    }

    /**
     * The normalised form of a key: lower case, {@code .} and {@code -} read as {@code _}, camel case split:
     * {@code poolSize}, {@code pool-size}, {@code POOL.SIZE} become {@code pool_size}.
     */
    public static String normalise(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                sb.append('_');
            }
            sb.append(c == '-' || c == '.' ? '_' : Character.toLowerCase(c));
        }
        return sb.toString().trim();
    }

    /** Secrets masked, every other value as set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DbOptConfig{");
        Iterator<Map.Entry<ConfigKey<?>, Object>> it = values.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<ConfigKey<?>, Object> e = it.next();
            Object v = e.getValue();
            String shown = e.getKey().isSecret() ? Redaction.MASK : v instanceof java.time.Duration d
                    ? Values.formatDuration(d) : Redaction.redactText(String.valueOf(v));
            sb.append(e.getKey().name()).append('=').append(shown);
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.append('}').toString();
    }

    static DbOptException invalid(String key, String value, String allowed, Throwable cause) {
        boolean secret = value == null || Redaction.isSecretKey(normalise(key)) || normalise(key).endsWith("password");
        String shown = secret ? Redaction.MASK : "'" + Redaction.redactText(value) + "'";
        return new DbOptException(CoreErrorCode.INVALID_CONFIGURATION,
                "Setting " + key + " = " + shown + " is not valid: use " + allowed, cause);
    }

    // ---- building ---------------------------------------------------------------------------------------------

    private static DbOptConfig build(Map<String, Object> raw, String origin) {
        Schemas schemas = Schemas.all();
        Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
        Map<ConfigKey<?>, String> spelling = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String given = e.getKey().trim();
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            ConfigKey<?> key = schemas.lookup(normalise(given)).orElseThrow(() -> unknown(given, schemas, origin));
            if (value instanceof String s && s.isBlank()) {
                continue;
            }
            Object parsed = parse(key, value);
            String previous = spelling.get(key);
            if (previous != null && !normalise(previous).equals(normalise(given))
                    && !Objects.equals(values.get(key), parsed)) {
                throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "Setting " + key.name()
                        + " is given twice with different values, as '" + previous + "' and '" + given + "' (in the "
                        + origin + "): keep one");
            }
            values.put(key, parsed);
            spelling.put(key, given);
        }
        return new DbOptConfig(values, spelling);
    }

    private static Object parse(ConfigKey<?> key, Object value) {
        if (key.type() == Secret.class) {
            if (value instanceof Secret secret) {
                return secret;
            }
            if (value instanceof char[] chars) {
                return Secret.of(new String(chars));
            }
        }
        if (value instanceof Iterable<?> items) {
            List<String> texts = new ArrayList<>();
            items.forEach(i -> texts.add(String.valueOf(i)));
            return key.parse(String.join(",", texts));
        }
        String text = value instanceof Enum<?> e ? e.name() : String.valueOf(value);
        return key.parse(text);
    }

    private static DbOptException unknown(String given, Schemas schemas, String origin) {
        String normalised = normalise(given);
        String section = sectionOf(normalised);
        String module = section == null ? null : SECTION_MODULES.get(section);
        if (module != null && !schemas.hasSection(section)) {
            return new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "Setting " + given + " (in the " + origin
                    + ") is read by " + module + ", which is not on the class path: add io.dbopt:" + module
                    + " or remove the setting");
        }
        String flatSection = FLAT_KEY_SECTIONS.get(normalised);
        if (flatSection != null && !schemas.hasSection(flatSection)) {
            String m = SECTION_MODULES.get(flatSection);
            return new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "Setting " + given + " (in the " + origin
                    + ") is read by " + m + ", which is not on the class path: add io.dbopt:" + m
                    + " or remove the setting");
        }
        String nearest = schemas.nearest(normalised);
        return new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "Unknown setting '" + given + "' (in the "
                + origin + ")" + (nearest == null ? "" : ": did you mean '" + nearest + "'?")
                + " Every setting is listed in docs/configuration.md");
    }

    private static String sectionOf(String normalised) {
        for (String section : SECTION_MODULES.keySet()) {
            if (normalised.startsWith(section + "_")) {
                return section;
            }
        }
        return null;
    }

    private static Map<String, String> propertiesAsMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            if (k == null) {
                throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "A configuration map holds a null key");
            }
            String name = prefix.isEmpty() ? k.toString() : prefix + "." + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(name, nested, out);
            } else {
                out.put(name, v);
            }
        });
    }

    private static void flattenJson(String prefix, JsonNode node, Map<String, Object> out) {
        node.fields().forEachRemaining(e -> {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flattenJson(name, v, out);
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                out.put(name, items);
            } else if (!v.isNull()) {
                out.put(name, v.asText());
            }
        });
    }

    /**
     * Settings given one at a time; later values of a key replace earlier ones. Not thread-safe; {@link #build()}
     * leaves the builder unchanged.
     */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets a key by any of its spellings; {@code null} removes it. */
        public Builder set(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Object identity = identity(key);
            values.keySet().removeIf(k -> identity(k).equals(identity));
            if (value != null) {
                values.put(key, value);
            }
            return this;
        }

        /** The key a spelling resolves to, or its normalised text when it resolves to none (failing at build). */
        private static Object identity(String spelling) {
            String normalised = normalise(spelling);
            return Schemas.all().lookup(normalised).<Object>map(k -> k).orElse(normalised);
        }

        /** Sets a typed key. */
        public <T> Builder set(ConfigKey<T> key, T value) {
            return set(key.name(), value);
        }

        /**
         * Builds the configuration.
         *
         * @throws DbOptException as {@link DbOptConfig#of(Map)}
         */
        public DbOptConfig build() {
            return DbOptConfig.of(new LinkedHashMap<>(values));
        }
    }

    /** The schemas found on the class path, indexed by normalised key; loaded once. */
    private record Schemas(List<ConfigSchema> schemas, List<ConfigKey<?>> keys, Map<String, ConfigKey<?>> index,
                           Set<String> sections) {

        private static volatile Schemas loaded;

        static Schemas all() {
            Schemas s = loaded;
            if (s == null) {
                synchronized (Schemas.class) {
                    s = loaded;
                    if (s == null) {
                        s = load();
                        loaded = s;
                    }
                }
            }
            return s;
        }

        private static Schemas load() {
            List<ConfigSchema> found = new ArrayList<>();
            found.add(new CoreKeys());
            java.util.ServiceLoader.load(ConfigSchema.class, DbOptConfig.class.getClassLoader())
                    .forEach(schema -> {
                        if (!(schema instanceof CoreKeys)) {
                            found.add(schema);
                        }
                    });
            found.sort(Comparator.comparing(s -> s instanceof CoreKeys ? "" : s.module()));
            List<ConfigKey<?>> keys = new ArrayList<>();
            Map<String, ConfigKey<?>> index = new LinkedHashMap<>();
            Set<String> sections = new java.util.HashSet<>();
            for (ConfigSchema schema : found) {
                sections.addAll(schema.sections());
                for (ConfigKey<?> key : schema.keys()) {
                    if (!schema.sections().contains(key.section())) {
                        throw new IllegalStateException(schema.module() + " declares " + key.name()
                                + " outside its sections " + schema.sections());
                    }
                    keys.add(key);
                    register(index, normalise(key.name()), key, schema);
                    for (String alias : key.aliases()) {
                        register(index, normalise(alias), key, schema);
                    }
                }
            }
            return new Schemas(List.copyOf(found), List.copyOf(keys), Map.copyOf(index), Set.copyOf(sections));
        }

        private static void register(Map<String, ConfigKey<?>> index, String name, ConfigKey<?> key,
                                     ConfigSchema schema) {
            ConfigKey<?> previous = index.putIfAbsent(name, key);
            if (previous != null && previous != key) {
                throw new IllegalStateException(schema.module() + " declares '" + name + "' for " + key.name()
                        + ", already used by " + previous.name());
            }
        }

        Optional<ConfigKey<?>> lookup(String normalised) {
            return Optional.ofNullable(index.get(normalised));
        }

        boolean hasSection(String section) {
            return sections.contains(section);
        }

        String nearest(String normalised) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (ConfigKey<?> key : keys) {
                List<String> names = new ArrayList<>(key.aliases());
                names.add(0, key.name());
                for (String name : names) {
                    int d = Values.distance(normalised, normalise(name));
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = name;
                    }
                }
            }
            int limit = Math.max(3, normalised.length() / 3);
            return bestDistance <= limit ? best : null;
        }
    }
}
