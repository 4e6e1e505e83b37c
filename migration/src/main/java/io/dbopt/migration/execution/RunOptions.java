package io.dbopt.migration.execution;

import io.dbopt.core.finding.Severity;
import io.dbopt.migration.AppliedMigration;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of a {@link MigrationEngine} that are not collaborators, as the framework's builder validated them.
 * Immutable.
 *
 * @param lockTimeout how long a migration statement waits for a table lock
 * @param lockWait how long to wait for another migrator's history lock
 * @param stateTable dbopt's state table
 * @param preserveState whether snapshots and generated undo are kept
 * @param preserveDataRows the largest table whose lost rows are kept; 0 for none
 * @param lintGate the lint severity that blocks a migration, if any
 * @param placeholders Flyway placeholders
 * @param classLoader the class loader of {@code classpath:} locations
 * @param catalogTimeout the time limit of each query on the history tables (health check, planning)
 * @param onApplied called on the migrating thread after each migration is applied and recorded
 */
public record RunOptions(Duration lockTimeout, Duration lockWait, String stateTable, boolean preserveState,
                         long preserveDataRows, Optional<Severity> lintGate, Map<String, String> placeholders,
                         ClassLoader classLoader, Duration catalogTimeout,
                         java.util.function.Consumer<AppliedMigration> onApplied) {

    /** Validates and copies. */
    public RunOptions {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(stateTable, "stateTable");
        Objects.requireNonNull(lintGate, "lintGate");
        placeholders = Map.copyOf(placeholders);
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(catalogTimeout, "catalogTimeout");
        Objects.requireNonNull(onApplied, "onApplied");
    }
}
