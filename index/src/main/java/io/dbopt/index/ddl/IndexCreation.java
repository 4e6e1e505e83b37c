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
import java.util.List;
import java.util.Objects;

/**
 * The statements that create an index online on the table as it is: {@link IndexDdl#createOnline} for a plain
 * table, {@link IndexDdl#createOnPartitioned} for a partitioned PostgreSQL table (looked up in the catalog).
 * Stateless.
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
                SqlResource.load("index", dialect, "partitions"), rs -> rs.getString("table_name") == null
                        ? new IndexDdl.Partition(table, true)
                        : new IndexDdl.Partition(TableName.of(rs.getString("schema_name"), rs.getString("table_name")),
                                rs.getBoolean("partitioned")), table.schema(), table.name());
        if (rows.isEmpty()) {
            return List.of(IndexDdl.createOnline(dialect, index));
        }
        List<IndexDdl.Partition> partitions = rows.stream().filter(p -> !p.table().equals(table)).toList();
        return IndexDdl.createOnPartitioned(dialect, index, partitions,
                p -> names.choose(p, index.columns(), "idx"));
    }
}
