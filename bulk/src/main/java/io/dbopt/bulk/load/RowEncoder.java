package io.dbopt.bulk.load;

/**
 * Writes rows in one wire format: PostgreSQL's COPY text or binary format, or MariaDB's LOAD DATA text. Each
 * encoder is made for one target table's columns; not thread-safe.
 */
interface RowEncoder {

    /** Bytes before the first row of every statement (binary COPY's signature). */
    default byte[] header() {
        return new byte[0];
    }

    /** Bytes after the last row of every statement (binary COPY's trailer). */
    default byte[] trailer() {
        return new byte[0];
    }

    /**
     * Appends one row. On failure the buffer may hold part of the row: the caller truncates it.
     *
     * @throws BadValueException naming the column whose value cannot be written
     */
    void encode(Object[] values, ByteBuf out) throws BadValueException;
}
