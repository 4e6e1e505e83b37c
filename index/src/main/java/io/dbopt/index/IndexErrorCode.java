package io.dbopt.index;

import io.dbopt.core.ErrorCode;

/** Error codes raised by dbopt-index; {@link #code()} is stable across releases. */
public enum IndexErrorCode implements ErrorCode {
    /** An index definition is malformed: no columns, a blank name, a predicate with a statement separator. */
    INVALID_DEFINITION,
    /** An index of that name exists with another definition, so creating it again would not be idempotent. */
    NAME_TAKEN,
    /** Building the index failed; any INVALID index the failed build left behind has been dropped. */
    BUILD_FAILED,
    /** The index cannot be dropped because a constraint owns it or depends on it. */
    CONSTRAINT_OWNED,
    /** The lock needed for the DDL was not granted within the configured lock timeout. */
    LOCK_TIMEOUT,
    /** A what-if evaluation could not run (extension missing, table above the trial limit). */
    WHAT_IF_UNAVAILABLE,
    /** The workload could not be read from the server's statement statistics. */
    WORKLOAD_UNAVAILABLE,
    /** The named index or table does not exist. */
    NOT_FOUND;

    @Override
    public String code() {
        return "INDEX_" + name();
    }
}
