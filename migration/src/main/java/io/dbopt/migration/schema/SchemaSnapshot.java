package io.dbopt.migration.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The structure of one schema (PostgreSQL) or database (MariaDB) at a moment: tables with their columns, indexes and
 * constraints, views and free-standing sequences, normalised per dialect. Read one with {@link SchemaReader}, compare
 * two with {@link SchemaDiff#between}, store one with {@link #toJson()}. Immutable and thread-safe; two snapshots of
 * an unchanged schema are equal except for row estimates, which {@link SchemaDiff} ignores.
 *
 * @param dialect the {@code Dialect.resourceFolder()} of the server it was read from: {@code postgresql} or
 *     {@code mariadb}
 * @param schema the schema or database name
 * @param tables the tables, by name
 * @param views the views, by name
 * @param sequences the names of sequences not owned by a column, sorted
 * @param scope the tables the snapshot was limited to, sorted; empty for the whole schema. A limited snapshot holds
 *     only those of them that exist, and no views or sequences: compare it only with one read with the same scope
 *     ({@link SchemaReader#read(java.sql.Connection, List)})
 */
public record SchemaSnapshot(String dialect, String schema, List<TableSchema> tables, List<ViewSchema> views,
                             List<String> sequences, List<String> scope) {

    /** Validates, copies and sorts. */
    public SchemaSnapshot {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(schema, "schema");
        tables = tables.stream().sorted(Comparator.comparing(TableSchema::name)).toList();
        views = views.stream().sorted(Comparator.comparing(ViewSchema::name)).toList();
        sequences = sequences.stream().sorted().toList();
        scope = scope == null ? List.of() : scope.stream().sorted().distinct().toList();
    }

    /** A snapshot of the whole schema. */
    public SchemaSnapshot(String dialect, String schema, List<TableSchema> tables, List<ViewSchema> views,
                          List<String> sequences) {
        this(dialect, schema, tables, views, sequences, List.of());
    }

    /** Whether this snapshot holds the whole schema rather than some tables of it. */
    public boolean isWholeSchema() {
        return scope.isEmpty();
    }

    /** An empty schema. */
    public static SchemaSnapshot empty(String dialect, String schema) {
        return new SchemaSnapshot(dialect, schema, List.of(), List.of(), List.of());
    }

    /** The table with this stored name. */
    public Optional<TableSchema> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Whether the schema has no tables, views or sequences. */
    public boolean isEmpty() {
        return tables.isEmpty() && views.isEmpty() && sequences.isEmpty();
    }

    /** This snapshot as JSON, to store it or to keep it as an expectation in a test resource. */
    public String toJson() {
        return SnapshotJson.write(this);
    }

    /**
     * Reads a snapshot written by {@link #toJson()} (or by hand, in the same shape).
     *
     * @throws IllegalArgumentException naming what is wrong with the JSON
     */
    public static SchemaSnapshot fromJson(String json) {
        return SnapshotJson.read(json);
    }
}
