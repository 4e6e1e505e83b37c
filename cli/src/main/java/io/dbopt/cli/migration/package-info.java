/**
 * The migration commands of the {@code dbopt} command line: {@code migrate}, {@code info}, {@code validate},
 * {@code lint}, {@code rollback} and {@code plan}, over {@link io.dbopt.migration.MigrationFramework}, with the
 * doctor's conventions ({@code --url}, {@code --user}, password from {@code DBOPT_PASSWORD} or a prompt,
 * {@code --format}, {@code --fail-on}, exit codes 0 / 1 / 2 / 3).
 */
package io.dbopt.cli.migration;
