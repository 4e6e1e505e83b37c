package io.dbopt.migration.verify;

import java.util.Objects;

/**
 * A table's row count and an order-independent checksum of its rows, taken before and after a migration to prove
 * it did not change data it should not have.
 *
 * @param table the table name
 * @param rows the row count
 * @param checksum a sum of per-row hashes, as text (order of rows does not matter)
 */
public record TableFingerprint(String table, long rows, String checksum) {

    /** Validates. */
    public TableFingerprint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(checksum, "checksum");
    }
}
