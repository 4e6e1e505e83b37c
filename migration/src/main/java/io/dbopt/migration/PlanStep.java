package io.dbopt.migration;

import java.util.List;
import java.util.Objects;

/**
 * One step of a plan: Flyway migrates one set up to a target version.
 *
 * @param set the set's name
 * @param target the version the set reaches at the end of the step
 * @param migrations the migrations the step applies, in order
 */
public record PlanStep(String set, String target, List<PlannedMigration> migrations) {

    /** Validates and copies. */
    public PlanStep {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(target, "target");
        migrations = List.copyOf(migrations);
        if (migrations.isEmpty()) {
            throw new IllegalArgumentException("A plan step of " + set + " needs at least one migration");
        }
    }
}
