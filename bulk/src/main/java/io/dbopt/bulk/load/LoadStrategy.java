package io.dbopt.bulk.load;

/** How rows reach the server. {@link #AUTO} chooses per server, table and size. */
public enum LoadStrategy {
    /**
     * PostgreSQL: binary COPY when every target column has a binary writer and the load is expected to reach
     * {@code bulk.binary_min_rows}, text COPY otherwise; MariaDB: {@code LOAD DATA LOCAL INFILE} on the loader's own
     * connection when the server allows it, batched INSERTs otherwise.
     */
    AUTO,
    /** PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)}. */
    COPY_BINARY,
    /** PostgreSQL {@code COPY ... FROM STDIN} in text format. */
    COPY_TEXT,
    /** MariaDB {@code LOAD DATA LOCAL INFILE} from a stream, on the loader's own connection. */
    LOAD_DATA,
    /** Batched INSERTs ({@code reWriteBatchedInserts} on pgjdbc, bulk statements on MariaDB Connector/J). */
    BATCH_INSERT
}
