/**
 * Undoing migrations: the state table that keeps each migration's schema snapshot, generated undo and kept rows; the
 * rollback manager that runs stored, generated or hand-written undo under the history lock; compensation of a
 * half-applied non-transactional migration; and putting kept rows back.
 */
package io.dbopt.migration.rollback;
