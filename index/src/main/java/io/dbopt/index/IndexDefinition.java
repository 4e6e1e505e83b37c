package io.dbopt.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An index to create: table, key columns in order, covering columns, an optional partial-index predicate, uniqueness
 * and access method. Column and index names are as stored in the catalog (unquoted); dbopt quotes them through the
 * dialect when it writes SQL. Immutable.
 *
 * @param table the table
 * @param name the index name, or empty to let dbopt choose {@code <table>_<columns>_idx} (shortened with a hash when
 *     it would exceed the server's identifier limit, and made unique)
 * @param columns the key columns, in order, at least one; an element may be an expression key
 *     {@code (function(column))} built by {@link IndexKey#expression} (PostgreSQL)
 * @param include covering columns ({@code INCLUDE}, PostgreSQL 11+), not part of the key
 * @param predicate a partial-index predicate in SQL, identifiers already quoted (PostgreSQL), or empty
 * @param unique whether the index enforces uniqueness
 * @param method the access method
 */
public record IndexDefinition(TableName table, String name, List<String> columns, List<String> include,
                              String predicate, boolean unique, IndexMethod method) {

    /** Validates and copies. */
    public IndexDefinition {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        include = List.copyOf(include);
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(method, "method");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("An index on " + table + " needs at least one column");
        }
        for (String c : columns) {
            if (c == null || c.isEmpty()) {
                throw new IllegalArgumentException("Index on " + table + " has an empty column name");
            }
            IndexKey.validate(c);
            if (include.contains(c)) {
                throw new IllegalArgumentException("Column " + c + " of an index on " + table
                        + " is both a key and an INCLUDE column: list it once");
            }
        }
        if (predicate.indexOf(';') >= 0) {
            throw new IllegalArgumentException("The predicate of an index on " + table
                    + " contains ';': give one boolean expression, not statements");
        }
        if (method != IndexMethod.BTREE && (unique || !include.isEmpty())) {
            throw new IllegalArgumentException("A " + method + " index on " + table
                    + " cannot be unique or have INCLUDE columns: use a B-tree");
        }
    }

    /** A plain B-tree index on the columns, named by dbopt. */
    public static IndexDefinition btree(TableName table, String... columns) {
        return new IndexDefinition(table, "", List.of(columns), List.of(), "", false, IndexMethod.BTREE);
    }

    /** Starts a definition for a table. */
    public static Builder on(TableName table) {
        return new Builder(table);
    }

    /** A copy with another name. */
    public IndexDefinition withName(String newName) {
        return new IndexDefinition(table, newName, columns, include, predicate, unique, method);
    }

    /** A copy on another table reference (same columns), e.g. with the schema filled in. */
    public IndexDefinition withTable(TableName newTable) {
        return new IndexDefinition(newTable, name, columns, include, predicate, unique, method);
    }

    /** Whether {@code other} has the same table, key columns, include columns, predicate, uniqueness and method. */
    public boolean sameShapeAs(IndexDefinition other) {
        return table.equals(other.table) && columns.equals(other.columns) && include.equals(other.include)
                && predicate.equals(other.predicate) && unique == other.unique && method == other.method;
    }

    /** A short description such as {@code orders (customer_id, status) INCLUDE (total) WHERE ...}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(unique ? "unique " : "").append(method == IndexMethod.BTREE ? "" : method.name().toLowerCase(
                java.util.Locale.ROOT) + " ").append(table).append(" (").append(String.join(", ", columns)).append(')');
        if (!include.isEmpty()) {
            sb.append(" INCLUDE (").append(String.join(", ", include)).append(')');
        }
        if (!predicate.isEmpty()) {
            sb.append(" WHERE ").append(predicate);
        }
        return sb.toString();
    }

    /** Builds an {@link IndexDefinition}; not thread-safe. */
    public static final class Builder {
        private final TableName table;
        private String name = "";
        private final List<String> columns = new ArrayList<>();
        private final List<String> include = new ArrayList<>();
        private String predicate = "";
        private boolean unique;
        private IndexMethod method = IndexMethod.BTREE;

        private Builder(TableName table) {
            this.table = Objects.requireNonNull(table, "table");
        }

        /** The index name (unquoted); default: chosen by dbopt. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Appends key columns. */
        public Builder columns(String... values) {
            columns.addAll(List.of(values));
            return this;
        }

        /** Appends covering columns (PostgreSQL 11+). */
        public Builder include(String... values) {
            include.addAll(List.of(values));
            return this;
        }

        /** A partial-index predicate with identifiers already quoted (PostgreSQL). */
        public Builder where(String value) {
            this.predicate = Objects.requireNonNull(value, "predicate").strip();
            return this;
        }

        /** Makes the index unique. */
        public Builder unique() {
            this.unique = true;
            return this;
        }

        /** The access method; default B-tree. */
        public Builder method(IndexMethod value) {
            this.method = Objects.requireNonNull(value, "method");
            return this;
        }

        /** Builds the definition; fails naming the table when it has no column. */
        public IndexDefinition build() {
            return new IndexDefinition(table, name, columns, include, predicate, unique, method);
        }
    }
}
