package io.dbopt.bulk.doctor;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How the data source's driver sends {@code executeBatch} INSERTs, read from the live connection (so settings given
 * as data-source properties count, not only the URL).
 *
 * @param driver {@code pgjdbc} or {@code MariaDB Connector/J}
 * @param batches whether INSERT batches become multi-row statements or bulk commands
 * @param setting what turns it on
 */
record BatchSettings(String driver, boolean batches, String setting) {

    /** The settings of a pgjdbc or Connector/J connection; empty for another driver or a wrapper that hides it. */
    static Optional<BatchSettings> of(Connection c, boolean postgres) {
        try {
            if (postgres && c.isWrapperFor(org.postgresql.core.BaseConnection.class)) {
                boolean on = c.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor()
                        .isReWriteBatchedInsertsEnabled();
                return Optional.of(new BatchSettings("pgjdbc", on, "reWriteBatchedInserts=true"));
            }
            if (!postgres && c.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
                org.mariadb.jdbc.Configuration conf = c.unwrap(org.mariadb.jdbc.Connection.class).getContext()
                        .getConf();
                return Optional.of(new BatchSettings("MariaDB Connector/J",
                        conf.useBulkStmtsForInserts() || conf.rewriteBatchedStatements(), "useBulkStmtsForInserts=true"));
            }
        } catch (SQLException | LinkageError e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    String describe() {
        return driver + (batches ? " sends INSERT batches as multi-row statements" : " sends INSERT batches one "
                + "statement per row");
    }

    Finding finding() {
        return Finding.builder("bulk.batch-insert-off", Severity.INFO)
                .object(DbObject.setting(setting.substring(0, setting.indexOf('='))))
                .message("The application's connections send each row of an INSERT batch as its own statement ("
                        + driver + " without " + setting + "): batched inserts run several times slower than they "
                        + "could")
                .evidence("batching", false)
                .fix(Fix.advice("add " + setting + " to the pool's JDBC URL or data-source properties"))
                .build();
    }
}
