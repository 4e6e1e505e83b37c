package io.dbopt.migration;

import io.dbopt.core.DbOptException;
import io.dbopt.core.config.DbOptConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the sets, requirements and placeholders of a configuration ({@link MigrationKeys#SETS},
 * {@link MigrationKeys#REQUIRES}, {@link MigrationKeys#PLACEHOLDERS}). Stateless.
 */
final class ConfiguredSets {

    private ConfiguredSets() {
    }

    /** The sets of {@code migration.sets}, in order, with the requirements of {@code migration.requires}. */
    static List<MigrationSet> from(DbOptConfig config) {
        Map<String, MigrationSet.Builder> builders = new LinkedHashMap<>();
        for (String entry : config.get(MigrationKeys.SETS)) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw invalid(MigrationKeys.SETS.name(), entry, "NAME=LOCATION, e.g. core=classpath:db/core");
            }
            builders.computeIfAbsent(entry.substring(0, eq).strip(), MigrationSet::builder)
                    .location(entry.substring(eq + 1).strip());
        }
        for (String entry : config.get(MigrationKeys.REQUIRES)) {
            int eq = entry.indexOf('=');
            int colon = entry.lastIndexOf(':');
            if (eq <= 0 || colon < eq + 2 || colon == entry.length() - 1) {
                throw invalid(MigrationKeys.REQUIRES.name(), entry, "SET=OTHER:VERSION, e.g. documents=core:2");
            }
            MigrationSet.Builder b = builders.get(entry.substring(0, eq).strip());
            if (b == null) {
                throw invalid(MigrationKeys.REQUIRES.name(), entry, "a set named in " + MigrationKeys.SETS.name()
                        + " on the left of =");
            }
            b.requires(entry.substring(eq + 1, colon).strip(), entry.substring(colon + 1).strip());
        }
        return builders.values().stream().map(MigrationSet.Builder::build).toList();
    }

    /** The placeholders of {@code migration.placeholders}, by name. */
    static Map<String, String> placeholders(DbOptConfig config) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String entry : config.get(MigrationKeys.PLACEHOLDERS)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw invalid(MigrationKeys.PLACEHOLDERS.name(), entry, "NAME=VALUE");
            }
            result.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return result;
    }

    private static DbOptException invalid(String key, String entry, String allowed) {
        return new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "Setting " + key + " has the entry '"
                + entry + "', which is not " + allowed);
    }
}
