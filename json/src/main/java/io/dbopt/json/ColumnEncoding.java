package io.dbopt.json;

/** How compressed values are kept in a column. */
public enum ColumnEncoding {
    /** Binary columns ({@code bytea}, {@code BLOB}): the header and frame as bytes, plain values as UTF-8 bytes. */
    BINARY,
    /**
     * Text columns ({@code text}, {@code varchar}, {@code LONGTEXT}): a marker and the frame in Base64 (a third
     * larger than binary), plain values as they are. Not for {@code json} / {@code jsonb} columns, whose type
     * rejects compressed text.
     */
    TEXT
}
