package io.dbopt.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * A migration set's need for another set to be at a version first: {@code documents} requires {@code core:2}.
 *
 * @param set the required set's name
 * @param version the version of the required set that must be applied first
 * @param fromVersion the first version of the requiring set that needs it; empty means its first migration
 */
public record Requirement(String set, String version, Optional<String> fromVersion) {

    /** Validates. */
    public Requirement {
        MigrationSet.requireName(set);
        MigrationSet.requireVersion(version);
        Objects.requireNonNull(fromVersion, "fromVersion");
        fromVersion.ifPresent(MigrationSet::requireVersion);
    }

    @Override
    public String toString() {
        return set + ":" + version + fromVersion.map(v -> " (from V" + v + ")").orElse("");
    }
}
