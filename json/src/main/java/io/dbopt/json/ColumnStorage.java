package io.dbopt.json;

import java.util.Objects;

/**
 * How a text, JSON or binary column's values are stored, measured on sampled rows.
 *
 * @param column the column
 * @param type its type as the catalog writes it
 * @param tableRows the table's estimated rows
 * @param tableBytes the table's size with indexes and TOAST
 * @param toastBytes the size of its TOAST table (PostgreSQL; 0 on MariaDB)
 * @param sampledRows non-null values sampled
 * @param averageValueBytes the average value's length, uncompressed
 * @param averageStoredBytes the average value's stored size ({@code pg_column_size}); on MariaDB the uncompressed
 *     length unless the column is COMPRESSED or the table page-compressed, then -1 (not measurable)
 * @param serverCompression how the server compresses it: {@code pglz}, {@code lz4} (PostgreSQL), {@code column}
 *     (MariaDB COMPRESSED), {@code page} (InnoDB page compression), {@code none}
 * @param averageZstdBytes the average sampled value compressed by dbopt's codec (zstd level 3, no dictionary,
 *     header included)
 */
public record ColumnStorage(ColumnRef column, String type, long tableRows, long tableBytes, long toastBytes,
                            long sampledRows, double averageValueBytes, double averageStoredBytes,
                            String serverCompression, double averageZstdBytes) {

    /** Validates. */
    public ColumnStorage {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(serverCompression, "serverCompression");
    }
}
