/**
 * Flyway's side of a migration set: the Flyway instance per set and its session settings, the revisions its history
 * table records, and the history-table lock Flyway takes, taken the same way by dbopt.
 */
package io.dbopt.migration.history;
