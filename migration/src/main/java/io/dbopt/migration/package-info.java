/**
 * Flyway migrations organised in sets that depend on each other, linted before they run, all-or-nothing on
 * PostgreSQL and MariaDB, with free rollback. Entry point: {@link io.dbopt.migration.MigrationFramework#configure()}.
 */
package io.dbopt.migration;
