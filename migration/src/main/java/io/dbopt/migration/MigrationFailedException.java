package io.dbopt.migration;

import io.dbopt.core.DbOptException;
import java.util.Objects;

/**
 * A migration failed. {@link #failure()} says whether its effects were rolled back (PostgreSQL), compensated
 * (MariaDB and CONCURRENTLY scripts) or, with code {@link MigrationErrorCode#PARTIALLY_APPLIED}, left partly in
 * place. The database error is the cause.
 */
public final class MigrationFailedException extends DbOptException {

    private static final long serialVersionUID = 1L;

    private final transient FailedMigration failure;

    public MigrationFailedException(FailedMigration failure, String cause, Throwable error) {
        super(failure.restored() || failure.transactional() ? MigrationErrorCode.MIGRATION_FAILED
                        : MigrationErrorCode.PARTIALLY_APPLIED,
                "Migration " + failure.summary() + ". Cause: " + cause + (failure.restored() || failure.transactional()
                        ? ". Fix the script and migrate again"
                        : ". Restore the listed differences by hand, then remove the failed history row"), error);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** What failed and what was done about it. */
    public FailedMigration failure() {
        return failure;
    }
}
