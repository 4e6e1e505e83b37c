package io.dbopt.index.ddl;

import io.dbopt.core.Capability;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.UnsupportedDatabaseException;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexKey;
import io.dbopt.index.IndexMethod;
import io.dbopt.index.TableName;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes index DDL for one dialect. Every identifier goes through {@link Dialect#quote(String)}, so hostile names
 * are safe; the partial-index predicate of an {@link IndexDefinition} is taken as given (dbopt writes its own with
 * quoted identifiers). Stateless and thread-safe.
 */
public final class IndexDdl {

    private IndexDdl() {
    }

    /**
     * The online creation statement: {@code CREATE INDEX CONCURRENTLY} on PostgreSQL, {@code ALTER TABLE ... ADD
     * INDEX ..., ALGORITHM=INPLACE, LOCK=NONE} on MariaDB.
     *
     * @throws IllegalArgumentException when the definition has no name
     * @throws UnsupportedDatabaseException when the server lacks a feature the definition uses
     */
    public static String createOnline(Dialect dialect, IndexDefinition index) {
        requireName(index);
        if (dialect instanceof PostgresDialect) {
            return postgresCreate(dialect, index, true, true);
        }
        requireMariaDbShape(dialect, index);
        return "ALTER TABLE " + index.table().quoted(dialect) + " ADD " + (index.unique() ? "UNIQUE " : "")
                + "INDEX " + dialect.quote(index.name()) + " (" + columns(dialect, index.columns(), index.method())
                + "), ALGORITHM=INPLACE, LOCK=NONE";
    }

    /**
     * The statements that build an index on a partitioned table (PostgreSQL, where {@code CREATE INDEX CONCURRENTLY}
     * on the parent is refused) without blocking writes: the index on the parent alone ({@code ON ONLY}, instant,
     * INVALID until every partition has its index), then per partition a concurrent build and an {@code ATTACH
     * PARTITION}. A partition that is itself partitioned gets a plain {@code CREATE INDEX}, which blocks writes to it
     * while it builds. Names of the partitions' indexes come from {@code partitionIndexName}.
     *
     * @param partitions the table's direct partitions
     * @throws IllegalArgumentException when the definition has no name
     */
    public static List<String> createOnPartitioned(Dialect dialect, IndexDefinition index, List<Partition> partitions,
                                                   java.util.function.Function<TableName, String> partitionIndexName) {
        requireName(index);
        dialect.require(Capability.CONCURRENT_INDEX, "an index on a partitioned table");
        List<String> out = new java.util.ArrayList<>();
        out.add(postgresCreate(dialect, index, false, true).replaceFirst(" ON ", " ON ONLY "));
        for (Partition p : partitions) {
            IndexDefinition child = index.withTable(p.table()).withName(partitionIndexName.apply(p.table()));
            out.add(postgresCreate(dialect, child, !p.partitioned(), true));
            out.add("ALTER INDEX " + indexName(dialect, index.table(), index.name()) + " ATTACH PARTITION "
                    + indexName(dialect, p.table(), child.name()));
        }
        return out;
    }

    /**
     * One direct partition of a partitioned table.
     *
     * @param table the partition
     * @param partitioned whether it is itself partitioned
     */
    public record Partition(TableName table, boolean partitioned) {
        /** Validates. */
        public Partition {
            java.util.Objects.requireNonNull(table, "table");
        }
    }

    /**
     * A plain {@code CREATE INDEX} that may run inside a transaction (PostgreSQL; used by the transactional trial).
     *
     * @throws UnsupportedDatabaseException on servers without transactional DDL
     */
    public static String createInTransaction(Dialect dialect, IndexDefinition index) {
        dialect.require(Capability.TRANSACTIONAL_DDL, "a transactional index trial");
        requireName(index);
        return postgresCreate(dialect, index, false, true);
    }

    /** The {@code CREATE INDEX ON ...} text HypoPG's {@code hypopg_create_index(text)} takes (name left out). */
    public static String hypothetical(Dialect dialect, IndexDefinition index) {
        dialect.require(Capability.TRANSACTIONAL_DDL, "a hypothetical index");
        return postgresCreate(dialect, index, false, false);
    }

    /**
     * The online drop: {@code DROP INDEX CONCURRENTLY IF EXISTS schema.index} on PostgreSQL, {@code ALTER TABLE ...
     * DROP INDEX IF EXISTS ..., ALGORITHM=INPLACE, LOCK=NONE} on MariaDB. Idempotent.
     */
    public static String dropOnline(Dialect dialect, TableName table, String index) {
        if (dialect instanceof PostgresDialect) {
            return "DROP INDEX CONCURRENTLY IF EXISTS " + indexName(dialect, table, index);
        }
        return "ALTER TABLE " + table.quoted(dialect) + " DROP INDEX IF EXISTS " + dialect.quote(index)
                + ", ALGORITHM=INPLACE, LOCK=NONE";
    }

    /** A drop that may run inside a transaction (PostgreSQL; used by the transactional what-if drop). */
    public static String dropInTransaction(Dialect dialect, TableName table, String index) {
        dialect.require(Capability.TRANSACTIONAL_DDL, "a transactional drop trial");
        return "DROP INDEX " + indexName(dialect, table, index);
    }

    /**
     * Hides an index from the optimizer, or shows it again, for every session: MariaDB 10.6+ {@code ALTER TABLE ...
     * ALTER INDEX ... [NOT] IGNORED} (MySQL 8 {@code INVISIBLE}). A reversible step before a drop.
     *
     * @throws UnsupportedDatabaseException on servers without ignorable indexes
     */
    public static String setIgnored(Dialect dialect, TableName table, String index, boolean ignored) {
        dialect.require(Capability.IGNORED_INDEX, "hiding an index from the optimizer");
        boolean mysql = dialect instanceof io.dbopt.core.MariaDbDialect m && m.isMySql();
        String state = mysql ? (ignored ? "INVISIBLE" : "VISIBLE") : (ignored ? "IGNORED" : "NOT IGNORED");
        return "ALTER TABLE " + table.quoted(dialect) + " ALTER INDEX " + dialect.quote(index) + " " + state;
    }

    /** Rebuilds a bloated index online: {@code REINDEX INDEX CONCURRENTLY} or an in-place table rebuild. */
    public static String rebuildOnline(Dialect dialect, TableName table, String index) {
        if (dialect instanceof PostgresDialect) {
            return "REINDEX INDEX CONCURRENTLY " + indexName(dialect, table, index);
        }
        return "ALTER TABLE " + table.quoted(dialect) + " FORCE, ALGORITHM=INPLACE, LOCK=NONE";
    }

    /** An index name as it appears in PostgreSQL DDL: qualified with the table's schema when one is known. */
    public static String indexName(Dialect dialect, TableName table, String index) {
        return table.schema().isEmpty() ? dialect.quote(index) : dialect.quote(table.schema(), index);
    }

    private static String postgresCreate(Dialect dialect, IndexDefinition index, boolean concurrently, boolean named) {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (index.unique()) {
            sql.append("UNIQUE ");
        }
        sql.append("INDEX ");
        if (concurrently) {
            sql.append("CONCURRENTLY ");
        }
        if (named) {
            sql.append(dialect.quote(index.name())).append(' ');
        }
        sql.append("ON ").append(index.table().quoted(dialect));
        if (index.method() != IndexMethod.BTREE) {
            sql.append(" USING gin");
        }
        sql.append(" (").append(columns(dialect, index.columns(), index.method())).append(')');
        if (!index.include().isEmpty()) {
            dialect.require(Capability.INCLUDE_COLUMNS, "a covering index (INCLUDE)");
            sql.append(" INCLUDE (").append(index.include().stream().map(dialect::quote)
                    .collect(Collectors.joining(", "))).append(')');
        }
        if (!index.predicate().isEmpty()) {
            sql.append(" WHERE ").append(index.predicate());
        }
        return sql.toString();
    }

    private static String columns(Dialect dialect, List<String> columns, IndexMethod method) {
        String suffix = method == IndexMethod.GIN_JSONB_PATH ? " jsonb_path_ops" : "";
        return columns.stream().map(c -> IndexKey.render(c, dialect) + suffix).collect(Collectors.joining(", "));
    }

    private static void requireName(IndexDefinition index) {
        if (index.name().isEmpty()) {
            throw new IllegalArgumentException("The index on " + index.table()
                    + " has no name: give one or let IndexNames choose it");
        }
    }

    private static void requireMariaDbShape(Dialect dialect, IndexDefinition index) {
        if (index.method() != IndexMethod.BTREE) {
            throw new UnsupportedDatabaseException("A " + index.method() + " index on " + index.table()
                    + " exists on PostgreSQL only; " + dialect + " indexes JSON through generated columns");
        }
        if (index.columns().stream().anyMatch(IndexKey::isExpression)) {
            throw new UnsupportedDatabaseException("The index on " + index.table() + " has an expression key "
                    + String.join(", ", index.columns()) + ", which " + dialect + " does not support: index a "
                    + "generated column holding the expression instead");
        }
        if (!index.include().isEmpty() || !index.predicate().isEmpty()) {
            throw new UnsupportedDatabaseException("The index on " + index.table() + " uses INCLUDE columns or a "
                    + "WHERE predicate, which " + dialect + " does not support: drop them from the definition");
        }
    }
}
