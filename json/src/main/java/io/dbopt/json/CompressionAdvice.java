package io.dbopt.json;

import io.dbopt.core.finding.Finding;
import java.util.List;
import java.util.Objects;

/**
 * How a column is stored and what would store it better (PostgreSQL lz4 or TOAST's threshold, MariaDB COMPRESSED
 * columns, dbopt's zstd), from {@link JsonFieldOptimizer#compressionAdvice}.
 *
 * @param storage the measurement
 * @param findings what to change, with the statements (empty when nothing would help, or the values are small)
 */
public record CompressionAdvice(ColumnStorage storage, List<Finding> findings) {

    /** Validates and copies. */
    public CompressionAdvice {
        Objects.requireNonNull(storage, "storage");
        findings = List.copyOf(findings);
    }
}
