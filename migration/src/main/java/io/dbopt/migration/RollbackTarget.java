package io.dbopt.migration;

import java.util.Optional;

/**
 * How far to roll a set back: down to a version (that version stays applied; {@code 0} undoes everything), or by a
 * number of migrations.
 *
 * @param toVersion the version to end at
 * @param count how many of the latest migrations to undo
 */
public record RollbackTarget(Optional<String> toVersion, int count) {

    /** Validates. */
    public RollbackTarget {
        if (toVersion.isPresent() == (count > 0)) {
            throw new IllegalArgumentException("A rollback target is either a version or a positive count");
        }
        toVersion.ifPresent(MigrationSet::requireVersion);
    }

    /** Undo every migration after {@code version}. */
    public static RollbackTarget toVersion(String version) {
        return new RollbackTarget(Optional.of(version), 0);
    }

    /** Undo the latest {@code count} migrations. */
    public static RollbackTarget count(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Roll back at least one migration, not " + count);
        }
        return new RollbackTarget(Optional.empty(), count);
    }

    @Override
    public String toString() {
        return toVersion.map(v -> "to version " + v).orElse("by " + count);
    }
}
