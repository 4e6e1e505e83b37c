package io.dbopt.bulk.load;

import io.dbopt.bulk.progress.ProgressTracker;
import io.dbopt.core.Checks;
import io.dbopt.core.Dialect;
import io.dbopt.core.config.DatabaseUrl;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a {@link BatchProcessor} works with, as the handler read it from the configuration. Immutable.
 *
 * @param dataSource the application's data source, for catalog reads and, without {@code ownUrl}, for loading
 * @param ownUrl where the loader opens connections of its own (with {@code reWriteBatchedInserts} on pgjdbc,
 *     {@code allowLocalInfile} and bulk statements on MariaDB Connector/J); {@code LOAD DATA LOCAL INFILE} needs it
 * @param dialect the server
 * @param progress where loads report
 * @param checkpointTable the checkpoint table of resumable loads
 * @param chunkRows rows per chunk
 * @param chunkBytes encoded bytes per chunk, at most
 * @param binaryMinRows loads expected to reach this many rows use binary COPY on PostgreSQL
 * @param maxErrors rejected rows allowed before a load stops
 * @param showValues whether bad-row reports show values
 * @param statementTimeout time limit of each statement the loader runs
 * @param retryAttempts attempts of a chunk after a lost connection or a retryable error
 * @param retryBackoff first wait before a retry, doubled each time up to 30 s
 */
public record LoadSettings(DataSource dataSource, Optional<DatabaseUrl> ownUrl, Dialect dialect,
                           ProgressTracker progress, String checkpointTable, int chunkRows, long chunkBytes,
                           long binaryMinRows, long maxErrors, boolean showValues, Duration statementTimeout,
                           int retryAttempts, Duration retryBackoff) {

    /** Validates. */
    public LoadSettings {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(ownUrl, "ownUrl");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(progress, "progress");
        Checks.notBlank("checkpointTable", checkpointTable);
        Checks.positive("chunkRows", chunkRows);
        Checks.positive("chunkBytes", chunkBytes);
        Checks.notNegative("binaryMinRows", binaryMinRows);
        Checks.notNegative("maxErrors", maxErrors);
        Checks.positive("statementTimeout", statementTimeout);
        Checks.notNegative("retryAttempts", retryAttempts);
        Checks.notNegative("retryBackoff", retryBackoff);
    }
}
