package io.dbopt.index.ddl;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statements that create an index online on the table as it is: {@link IndexDdl#createOnline} for a plain
 * table, {@link IndexDdl#createOnPartitioned} for a partitioned PostgreSQL table (looked up in the catalog, for one
 * table or, through {@link SchemaPartitions}, for a whole schema at once). Stateless.
 */
public final class IndexCreation {

    private IndexCreation() {
    }

    /**
     * The creation statements, in order.
     *
     * @param connection an open connection (not closed)
     * @param timeout the catalog lookup's statement timeout
     * @param index a named definition; its table must name its schema
     * @param names chooses the names of the partitions' indexes
     * @throws SQLException when the catalog cannot be read
     */
    public static List<String> statements(Connection connection, Dialect dialect, Duration timeout,
                                          IndexDefinition index, IndexNames names) throws SQLException {
        Objects.requireNonNull(index, "index");
        if (!(dialect instanceof PostgresDialect)) {
            return List.of(IndexDdl.createOnline(dialect, index));
        }
        TableName table = index.table();
        List<IndexDdl.Partition> rows = Jdbc.query(connection, timeout,
                SqlResource.load("index", dialect, "partitions"), rs -> partition(rs, table), table.schema(),
                table.name());
        return statements(dialect, index, names, rows);
    }

    private static IndexDdl.Partition partition(java.sql.ResultSet rs, TableName parent) throws SQLException {
        return rs.getString("table_name") == null
                ? new IndexDdl.Partition(parent, true)
                : new IndexDdl.Partition(TableName.of(rs.getString("schema_name"), rs.getString("table_name")),
                        rs.getBoolean("partitioned"));
    }

    /** The statements for a table whose partition rows (as {@code partitions.sql} returns them) are known. */
    private static List<String> statements(Dialect dialect, IndexDefinition index, IndexNames names,
                                           List<IndexDdl.Partition> rows) {
        TableName table = index.table();
        if (rows.isEmpty()) {
            return List.of(IndexDdl.createOnline(dialect, index));
        }
        List<IndexDdl.Partition> partitions = rows.stream().filter(p -> !p.table().equals(table)).toList();
        return IndexDdl.createOnPartitioned(dialect, index, partitions,
                p -> names.choose(p, index.columns(), "idx"));
    }

    /**
     * The partitioned tables of one schema with their direct partitions, read in one query, for callers that write
     * creation statements for many tables of the schema (the doctor's fixes): the same statements as
     * {@link IndexCreation#statements(Connection, Dialect, Duration, IndexDefinition, IndexNames)} without a
     * catalog query per table. Immutable.
     */
    public static final class SchemaPartitions {

        private final Dialect dialect;
        private final String schema;
        private final Map<String, List<IndexDdl.Partition>> byTable;

        private SchemaPartitions(Dialect dialect, String schema, Map<String, List<IndexDdl.Partition>> byTable) {
            this.dialect = dialect;
            this.schema = schema;
            this.byTable = byTable;
        }

        /**
         * Reads the partitions of a schema's partitioned tables (none on servers without partitioned indexes to
         * build: there every index is created online on its table).
         *
         * @param connection an open connection (not closed)
         * @param timeout the catalog query's statement timeout
         * @param schema the schema
         * @throws SQLException when the catalog cannot be read
         */
        public static SchemaPartitions read(Connection connection, Dialect dialect, Duration timeout, String schema)
                throws SQLException {
            Objects.requireNonNull(schema, "schema");
            Map<String, List<IndexDdl.Partition>> byTable = new HashMap<>();
            if (dialect instanceof PostgresDialect) {
                Jdbc.query(connection, timeout, SqlResource.load("index", dialect, "schema-partitions"), rs -> {
                    String parent = rs.getString("parent_name");
                    return byTable.computeIfAbsent(parent, t -> new ArrayList<>())
                            .add(partition(rs, TableName.of(schema, parent)));
                }, schema);
            }
            return new SchemaPartitions(dialect, schema, byTable);
        }

        /**
         * The creation statements, in order, for an index on a table of this schema.
         *
         * @param index a named definition on a table of the schema read
         * @param names chooses the names of the partitions' indexes
         * @throws IllegalArgumentException when the index is on a table of another schema
         */
        public List<String> statements(IndexDefinition index, IndexNames names) {
            Objects.requireNonNull(index, "index");
            if (!index.table().schema().equals(schema)) {
                throw new IllegalArgumentException("The index " + index.name() + " is on " + index.table()
                        + ", outside the schema " + schema + " whose partitions were read; read that schema's");
            }
            if (!(dialect instanceof PostgresDialect)) {
                return List.of(IndexDdl.createOnline(dialect, index));
            }
            return IndexCreation.statements(dialect, index, names, byTable.getOrDefault(index.table().name(),
                    List.of()));
        }
    }
}
