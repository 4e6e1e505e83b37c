package io.dbopt.migration;

import java.util.Objects;

/**
 * One migration in a plan.
 *
 * @param set the set's name
 * @param version its version
 * @param description its description
 * @param script its script name
 */
public record PlannedMigration(String set, String version, String description, String script) {

    /** Validates. */
    public PlannedMigration {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }
}
