package io.dbopt.migration;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when a migration failed, and what dbopt did about it.
 *
 * @param set the set's name
 * @param version the failed version
 * @param script its script name
 * @param transactional whether it ran in a transaction (then nothing of it remains: schema and history unchanged)
 * @param statementsApplied how many statements had run before the failing one (committed when not transactional)
 * @param failedStatement the failing statement's text, if known
 * @param failedLine the failing statement's line in the script, 0 when unknown
 * @param compensation the compensating statements run to undo the applied ones, in order
 * @param restored whether the schema equals its pre-migration snapshot afterwards
 * @param remainingDifferences what still differs from the snapshot when not restored
 * @param historyCleaned whether Flyway's failed history row was removed, so the version is pending again
 * @param rowsRestored per table, rows put back from the copy {@code preserveData} kept before the migration, after
 *     the schema was restored (non-transactional migrations whose committed statements changed rows)
 */
public record FailedMigration(String set, String version, String script, boolean transactional, int statementsApplied,
                              Optional<String> failedStatement, int failedLine, List<String> compensation,
                              boolean restored, List<String> remainingDifferences, boolean historyCleaned,
                              Map<String, Integer> rowsRestored) {

    /** Validates and copies. */
    public FailedMigration {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(failedStatement, "failedStatement");
        compensation = List.copyOf(compensation);
        remainingDifferences = List.copyOf(remainingDifferences);
        rowsRestored = Map.copyOf(rowsRestored);
    }

    /** Whether some statements had been applied outside a transaction (MariaDB, CONCURRENTLY scripts). */
    public boolean wasPartiallyApplied() {
        return !transactional && statementsApplied > 0;
    }

    /** One sentence on the state the failure left. */
    public String summary() {
        String where = failedLine > 0 ? " at line " + failedLine : "";
        if (transactional) {
            return set + " V" + version + " (" + script + ") failed" + where
                    + " and was rolled back: schema and history are unchanged";
        }
        String applied = statementsApplied == 0 ? "no statement had been applied"
                : "partially applied (" + statementsApplied + " statement" + (statementsApplied == 1 ? "" : "s")
                + " committed before the failure)";
        String undone = restored ? ", restored by " + compensation.size() + " compensating statement"
                + (compensation.size() == 1 ? "" : "s") + " (schema verified equal to before)"
                : ", NOT fully restored: " + String.join("; ", remainingDifferences);
        if (!rowsRestored.isEmpty()) {
            undone += ", rows of " + String.join(", ", new java.util.TreeSet<>(rowsRestored.keySet()))
                    + " put back from the copy kept before it ran";
        }
        return set + " V" + version + " (" + script + ") failed" + where + "; " + applied + undone
                + (historyCleaned ? "; the failed history row was removed, V" + version + " is pending again"
                : "; the failed history row is kept");
    }
}
