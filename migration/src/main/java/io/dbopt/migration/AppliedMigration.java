package io.dbopt.migration;

import java.util.List;
import java.util.Objects;

/**
 * One migration a {@code migrate} applied.
 *
 * @param set the set's name
 * @param version its version
 * @param script its script name
 * @param statements how many statements ran
 * @param transactional whether it ran in one transaction (PostgreSQL, except CONCURRENTLY scripts)
 * @param undoComplete whether the generated undo covers every statement (else a hand-written undo is needed)
 * @param recoveredInvalidIndexes INVALID indexes from an earlier failed build that were dropped before it ran
 * @param recoveredStatements statements of an earlier migrator that died half-way, undone before it ran
 */
public record AppliedMigration(String set, String version, String script, int statements, boolean transactional,
                               boolean undoComplete, List<String> recoveredInvalidIndexes,
                               List<String> recoveredStatements) {

    /** Validates and copies. */
    public AppliedMigration {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(script, "script");
        recoveredInvalidIndexes = List.copyOf(recoveredInvalidIndexes);
        recoveredStatements = List.copyOf(recoveredStatements);
    }
}
