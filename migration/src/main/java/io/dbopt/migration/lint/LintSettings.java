package io.dbopt.migration.lint;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.migration.schema.SchemaSnapshot;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link MigrationValidator} was configured with, as the rules read it.
 *
 * @param dialect the server the scripts are for, with its version
 * @param schema the live schema, when given
 * @param largeTableRows from how many estimated rows a table counts as large
 * @param assumeLockTimeout whether the runner sets a lock timeout itself
 * @param assumeStatementTimeout whether the runner sets a statement timeout itself
 * @param transactions how the runner wraps a file in transactions
 * @param enabled opt-in rules switched on
 */
record LintSettings(Dialect dialect, Optional<SchemaSnapshot> schema, long largeTableRows, boolean assumeLockTimeout,
                    boolean assumeStatementTimeout, TransactionModel transactions, Set<String> enabled) {

    boolean mariaDb() {
        return dialect.product() != DatabaseProduct.POSTGRESQL;
    }

    ServerVersion version() {
        return dialect.version();
    }

    /** Whether the server is at least {@code major.minor}. */
    boolean atLeast(int major, int minor) {
        return dialect.version().isAtLeast(major, minor);
    }

    /** The same settings with another transaction model, for a script whose runner configuration says so. */
    LintSettings withTransactions(TransactionModel model) {
        return new LintSettings(dialect, schema, largeTableRows, assumeLockTimeout, assumeStatementTimeout, model,
                enabled);
    }
}
