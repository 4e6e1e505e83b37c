package io.dbopt.json;

import java.util.Objects;

/**
 * An existing history table that keeps a full copy of the document for every change, to be converted into a
 * {@link ChangeHistory}: which column names the document, which holds the content, which the time of the change, and
 * optionally who made it.
 *
 * <pre>{@code
 * FullCopyTable source = FullCopyTable.of("document_history", "document_id", "content", "changed_at")
 *         .author("changed_by");
 * }</pre>
 *
 * @param schema the schema (database on MariaDB); empty for the current one
 * @param table the table
 * @param documentColumn the document id column (whole numbers are ordered as numbers)
 * @param contentColumn the full content (text, or binary holding UTF-8 or dbopt-compressed values)
 * @param changedAtColumn when each copy was made; versions are numbered in this order (ties by content column's row
 *     order as read)
 * @param authorColumn who made the change, or empty
 * @param format how the history diffs the content
 */
public record FullCopyTable(String schema, String table, String documentColumn, String contentColumn,
                            String changedAtColumn, String authorColumn, ContentFormat format) {

    /** Validates. */
    public FullCopyTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(authorColumn, "authorColumn");
        Objects.requireNonNull(format, "format");
        for (String name : new String[] {table, documentColumn, contentColumn, changedAtColumn}) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("A full-copy table needs its table, document, content and "
                        + "changed-at column names");
            }
        }
    }

    /** A text history table in the current schema. */
    public static FullCopyTable of(String table, String documentColumn, String contentColumn, String changedAtColumn) {
        return new FullCopyTable("", table, documentColumn, contentColumn, changedAtColumn, "", ContentFormat.TEXT);
    }

    /** With the column naming who made each change. */
    public FullCopyTable author(String column) {
        return new FullCopyTable(schema, table, documentColumn, contentColumn, changedAtColumn, column, format);
    }

    /** In a schema (database on MariaDB). */
    public FullCopyTable inSchema(String value) {
        return new FullCopyTable(value, table, documentColumn, contentColumn, changedAtColumn, authorColumn, format);
    }

    /** Diffed as {@code value}. */
    public FullCopyTable format(ContentFormat value) {
        return new FullCopyTable(schema, table, documentColumn, contentColumn, changedAtColumn, authorColumn, value);
    }

    /** The document column as a column reference (for quoting and messages). */
    public ColumnRef documentRef() {
        return new ColumnRef(schema, table, documentColumn);
    }
}
