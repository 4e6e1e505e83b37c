package io.dbopt.index.whatif;

import io.dbopt.index.TableName;

/** Statistics the what-if engines read from the catalog; implementations cache and are used from one thread. */
public interface ColumnStatistics {

    /** The estimated number of distinct values of a column, at least 1. */
    double distinctValues(TableName table, String column);

    /** The estimated average width of a column's values in bytes. */
    double averageWidth(TableName table, String column);

    /** The estimated number of rows of a table. */
    long rows(TableName table);

    /** The table's size on disk in bytes. */
    long tableBytes(TableName table);

    /** A representative non-NULL value of the column as a SQL literal, for filling placeholders; empty if none. */
    String sampleLiteral(TableName table, String column);
}
