package io.dbopt.migration;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@code verifyRollback}: for each migration of the set, whether migrate, undo and migrate again left
 * the schema exactly as it was before the migration.
 *
 * @param set the set's name
 * @param checks one entry per migration checked
 */
public record RollbackVerification(String set, List<Check> checks) {

    /** Validates and copies. */
    public RollbackVerification {
        Objects.requireNonNull(set, "set");
        checks = List.copyOf(checks);
    }

    /** Whether every undo restored its schema. */
    public boolean passed() {
        return checks.stream().allMatch(c -> c.differences().isEmpty());
    }

    /**
     * One migration's round trip.
     *
     * @param version the migration's version
     * @param source where its undo came from
     * @param differences how the schema after the undo differs from before the migration; empty when it matches
     */
    public record Check(String version, UndoneMigration.Source source, List<String> differences) {
        /** Copies. */
        public Check {
            differences = List.copyOf(differences);
        }
    }
}
