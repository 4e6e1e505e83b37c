package io.dbopt.migration;

/** Where one migration stands, read from Flyway's history and the scripts on hand. */
public enum RevisionState {
    /** Applied successfully and unchanged since. */
    APPLIED,
    /** Not applied yet. */
    PENDING,
    /** Applied with a failure that was not repaired (MariaDB, or a non-transactional PostgreSQL migration). */
    FAILED,
    /** Applied, but its script changed since (checksum mismatch). */
    DRIFTED,
    /** Applied, but its script is no longer in the locations. */
    MISSING,
    /** Applied by a newer release whose scripts are not on hand. */
    FUTURE,
    /** Pending but older than the latest applied version, so Flyway will not run it. */
    IGNORED
}
