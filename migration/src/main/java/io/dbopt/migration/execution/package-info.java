/**
 * Running migrations: the engine behind {@link io.dbopt.migration.MigrationFramework}, the runner that plans,
 * migrates, validates and lints, the Flyway callback that makes each migration all-or-nothing, script location, the
 * health check and the meters.
 */
package io.dbopt.migration.execution;
