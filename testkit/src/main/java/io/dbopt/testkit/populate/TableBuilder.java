package io.dbopt.testkit.populate;

import java.util.ArrayList;
import java.util.List;

/** Declares the columns of one planted table; used inside {@link SchemaPopulator#table}. Not thread-safe. */
public final class TableBuilder {

    private final String name;
    private final List<Column> columns = new ArrayList<>();

    TableBuilder(String name) {
        this.name = name;
    }

    /** A bigint primary key filled by the server. */
    public TableBuilder id(String column) {
        return add(new Column(column, ColumnType.ID, 0, false, "", ""));
    }

    /** A bigint column holding the row number. */
    public TableBuilder bigint(String column) {
        return add(new Column(column, ColumnType.BIGINT, 0, true, "", ""));
    }

    /** An int column holding the row number modulo 1000. */
    public TableBuilder integer(String column) {
        return add(new Column(column, ColumnType.INT, 0, true, "", ""));
    }

    /** A varchar column holding {@code <column>-<n>}. */
    public TableBuilder varchar(String column, int length) {
        return add(new Column(column, ColumnType.VARCHAR, length, true, "", ""));
    }

    /** A text column holding {@code <column>-<n>}. */
    public TableBuilder text(String column) {
        return add(new Column(column, ColumnType.TEXT, 0, true, "", ""));
    }

    /** A boolean column, true for even rows. */
    public TableBuilder bool(String column) {
        return add(new Column(column, ColumnType.BOOLEAN, 0, true, "", ""));
    }

    /** A timestamp column, {@code n} minutes before now. */
    public TableBuilder timestamp(String column) {
        return add(new Column(column, ColumnType.TIMESTAMP, 0, true, "", ""));
    }

    /** A numeric(12,2) column. */
    public TableBuilder numeric(String column) {
        return add(new Column(column, ColumnType.NUMERIC, 0, true, "", ""));
    }

    /** A JSON column ({@code jsonb} on PostgreSQL) holding {@code {"kind": n % 5, "tag": "tag-<n % 50>"}}. */
    public TableBuilder json(String column) {
        return add(new Column(column, ColumnType.JSON, 0, true, "", ""));
    }

    /** An int[] column (PostgreSQL only). */
    public TableBuilder intArray(String column) {
        return add(new Column(column, ColumnType.INT_ARRAY, 0, true, "", ""));
    }

    /** A NOT NULL bigint foreign key to {@code table}'s id, spread evenly over the parent's rows, without index. */
    public TableBuilder references(String column, String table) {
        return add(new Column(column, ColumnType.BIGINT, 0, false, table, ""));
    }

    /** A column of any type filled by a SQL expression over the row number {@code n} (must suit both servers). */
    public TableBuilder column(String column, ColumnType type, int length, String valueExpression) {
        return add(new Column(column, type, length, true, "", valueExpression));
    }

    private TableBuilder add(Column column) {
        if (columns.stream().anyMatch(c -> c.name().equals(column.name()))) {
            throw new IllegalArgumentException("Table " + name + " already has a column " + column.name());
        }
        columns.add(column);
        return this;
    }

    String name() {
        return name;
    }

    List<Column> columns() {
        return List.copyOf(columns);
    }
}
