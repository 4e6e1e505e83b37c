package io.dbopt.spring;

import io.dbopt.core.config.DbOptConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads the {@code dbopt.*} properties of a Spring {@link Environment} (any property source: files, YAML, environment
 * variables, command line) into a {@link DbOptConfig}: {@code dbopt.pool.size} becomes {@code pool.size},
 * {@code dbopt.pool-size} the seed's {@code pool_size}. The starter's own switches ({@code dbopt.enabled},
 * {@code dbopt.<module>.enabled}) and the {@code dbopt.migration.*} startup settings ({@link DbOptProperties}) are
 * left out, as no module reads them, and so are the test kit's {@code dbopt.test.*} settings. Indexed properties ({@code dbopt.query.exclude-from-call-sites[0]}, which the binder hands over as
 * {@code query.exclude-from-call-sites.0}) are joined
 * with commas into one list value. Unknown keys fail as {@link DbOptConfig} makes them fail: with the nearest known one.
 */
public final class SpringDbOptConfig {

    /** The modules whose {@code enabled} switch belongs to the starter. */
    static final Set<String> MODULES = Set.of("pool", "query", "index", "transaction", "migration", "bulk", "json",
            "health");

    private static final Pattern INDEXED = Pattern.compile("^(.*?)(?:\\[(\\d+)]|\\.(\\d+))$");

    private SpringDbOptConfig() {
    }

    /**
     * The configuration the {@code dbopt.*} properties of {@code environment} describe.
     *
     * @throws io.dbopt.core.DbOptException when a key is unknown or a value is not valid
     */
    public static DbOptConfig from(Environment environment) {
        Map<String, String> bound = Binder.get(environment)
                .bind("dbopt", Bindable.mapOf(String.class, String.class))
                .orElseGet(Map::of);
        return DbOptConfig.of(moduleKeys(bound));
    }

    /** The keys of {@code properties} (named without the {@code dbopt.} prefix) that belong to the modules. */
    static Map<String, Object> moduleKeys(Map<String, String> properties) {
        Map<String, Object> keys = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> lists = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String name = e.getKey();
            if (isStarterKey(name)) {
                continue;
            }
            Matcher indexed = INDEXED.matcher(name);
            if (indexed.matches()) {
                lists.computeIfAbsent(indexed.group(1), k -> new TreeMap<>())
                        .put(Integer.parseInt(indexed.group(2) != null ? indexed.group(2) : indexed.group(3)),
                                e.getValue());
            } else {
                keys.put(name, e.getValue());
            }
        }
        lists.forEach((name, items) -> keys.put(name, String.join(",", List.copyOf(items.values()))));
        return keys;
    }

    /**
     * The starter's own {@code dbopt.migration.*} properties (migrations on startup); every other
     * {@code dbopt.migration.*} key is the migration module's and goes into the {@link DbOptConfig}.
     */
    private static final Set<String> STARTER_MIGRATION_KEYS = Set.of("migration.enabled", "migration.sets",
            "migration.mode", "migration.lintonstartup", "migration.failon");

    static boolean isStarterKey(String name) {
        if (name.equals("enabled") || name.startsWith("test.")
                || STARTER_MIGRATION_KEYS.contains(name.replaceAll("(\\[\\d+]|\\.\\d+)$", "")
                        .toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", ""))) {
            return true;
        }
        int dot = name.indexOf('.');
        return dot > 0 && MODULES.contains(name.substring(0, dot)) && name.substring(dot + 1).equals("enabled");
    }
}
