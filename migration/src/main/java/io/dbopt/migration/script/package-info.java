/**
 * Migration scripts as text: splitting into statements with line numbers ({@link io.dbopt.migration.script.SqlScript}),
 * the unsafe-DDL lint ({@link io.dbopt.migration.script.MigrationValidator}) and undo generation
 * ({@link io.dbopt.migration.script.RollbackScriptGenerator}), on JSqlParser.
 */
package io.dbopt.migration.script;
