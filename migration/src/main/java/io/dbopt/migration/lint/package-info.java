/**
 * The migration lint: {@link io.dbopt.migration.lint.MigrationValidator} runs one small rule class per check (the
 * rules of squawk and strong_migrations and dbopt's own) over the statements of each script, knowing the server
 * version and the runner's {@link io.dbopt.migration.lint.TransactionModel}, and returns a
 * {@link io.dbopt.migration.lint.LintResult} of {@code Finding}s.
 */
package io.dbopt.migration.lint;
