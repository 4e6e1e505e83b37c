package io.dbopt.index;

/** How an index's effect on query costs was estimated. */
public enum WhatIfMethod {
    /** HypoPG hypothetical indexes (PostgreSQL): the planner costs an index that is not built. */
    HYPOPG,
    /**
     * A real index built (or dropped) inside a transaction that is rolled back (PostgreSQL): exact, but it locks the
     * table against writes while it builds, so it is refused above a configured table size.
     */
    TRANSACTIONAL_TRIAL,
    /** MariaDB: the plan's row estimates re-computed with the candidate's selectivity from column statistics. */
    ROW_ESTIMATE,
    /** MariaDB: the plan with an {@code IGNORE INDEX} hint, for a what-if drop. */
    INDEX_HINT,
    /** Not validated: no method was available (table too large for a trial, extension missing). */
    NONE
}
