/**
 * Migration scripts as text and as statements: splitting into statements with line numbers
 * ({@link io.dbopt.migration.script.SqlScript}), reading each statement into what it does
 * ({@link io.dbopt.migration.script.StatementParser}: PostgreSQL by dbopt's reader over core's SQL lexer, MariaDB with
 * JSqlParser) and undo generation ({@link io.dbopt.migration.script.RollbackScriptGenerator}). The lint rules over
 * these statements are in {@link io.dbopt.migration.lint}.
 */
package io.dbopt.migration.script;
