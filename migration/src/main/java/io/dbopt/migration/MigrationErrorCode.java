package io.dbopt.migration;

import io.dbopt.core.ErrorCode;

/** Error codes raised by dbopt-migration, printed as {@code MIGRATION_<NAME>}. */
public enum MigrationErrorCode implements ErrorCode {
    /** The builder or a migration set was configured wrongly. */
    INVALID_CONFIGURATION,
    /** An operation named a migration set that is not registered. */
    UNKNOWN_SET,
    /** A set requires a set or a version that does not exist. */
    MISSING_DEPENDENCY,
    /** The requirements between sets form a cycle. */
    DEPENDENCY_CYCLE,
    /** A migration failed; the schema was rolled back or compensated (see the exception's details). */
    MIGRATION_FAILED,
    /** A migration failed and its effects could not be fully undone: the schema differs from before it. */
    PARTIALLY_APPLIED,
    /** Flyway's validation failed: changed checksums, failed or missing migrations. */
    VALIDATION_FAILED,
    /** Migrations were refused because lint found problems at or above the configured severity. */
    LINT_FAILED,
    /** A script could not be found or read in the set's locations. */
    SCRIPT_NOT_FOUND,
    /** A rollback needs a hand-written undo script that does not exist. */
    ROLLBACK_NOT_POSSIBLE,
    /** A rollback was refused because another set depends on what it would remove. */
    DEPENDENT_SET_APPLIED,
    /** An undo statement failed during a rollback. */
    ROLLBACK_FAILED,
    /** The migration history could not be locked in time. */
    LOCK_TIMEOUT,
    /** A database call made by the migration framework failed. */
    SQL_FAILED;

    @Override
    public String code() {
        return "MIGRATION_" + name();
    }
}
