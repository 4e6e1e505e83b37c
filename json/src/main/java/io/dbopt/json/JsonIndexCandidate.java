package io.dbopt.json;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An index the {@link JsonIndexer} proposes for JSON predicates, before what-if validation (which the index module's
 * recommender does: see {@link JsonIndexer#recommend}).
 *
 * @param kind what kind of index
 * @param table the table
 * @param column the JSON column
 * @param path the path the index keys on (root for GIN)
 * @param name the index name
 * @param key the index key as SQL, identifiers quoted ({@code (("attrs" ->> 'status'))}, {@code "attrs"
 *     jsonb_path_ops}; for a generated column its quoted name)
 * @param predicate the partial-index predicate as SQL, or empty
 * @param ddl the statements that create it, in order (MariaDB: the generated column, then the index)
 * @param servedStatements positions, in the workload, of the statements whose predicates it can serve
 * @param distinctValues distinct values of the key in the sampled rows, when sampled
 * @param reason why it is proposed
 */
public record JsonIndexCandidate(Kind kind, String table, String column, JsonPath path, String name, String key,
                                 String predicate, List<String> ddl, List<Integer> servedStatements,
                                 OptionalLong distinctValues, String reason) {

    /** What kind of index. */
    public enum Kind {
        /** PostgreSQL GIN with {@code jsonb_path_ops}: containment and jsonpath only; smaller and faster. */
        GIN_PATH_OPS,
        /** PostgreSQL GIN with the default {@code jsonb_ops}: also key existence ({@code ?, ?|, ?&}). */
        GIN,
        /** PostgreSQL B-tree on a path expression, with the cast the statements use. */
        EXPRESSION,
        /** PostgreSQL partial B-tree on a path expression, for statements that also compare a path with a constant. */
        PARTIAL,
        /** MariaDB virtual generated column of the path's value, with an index on it. */
        GENERATED_COLUMN
    }

    /** Validates and copies. */
    public JsonIndexCandidate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(predicate, "predicate");
        ddl = List.copyOf(ddl);
        servedStatements = List.copyOf(servedStatements);
        Objects.requireNonNull(distinctValues, "distinctValues");
        Objects.requireNonNull(reason, "reason");
    }
}
