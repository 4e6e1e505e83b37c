package io.dbopt.core.catalog;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tables, views and sequences of one MariaDB database as {@code information_schema.TABLES} listed them when read,
 * by name in the server's order and collation. Each read of that view opens every table of the database (past
 * {@code table_open_cache} at 10,000 tables one read takes about a second), so the parts of one unit of work that
 * need it share one snapshot through a {@link Source}: a doctor run hands its
 * {@linkplain io.dbopt.core.doctor.DoctorContext#tables() run's source} to the Indexes section's size chart and the
 * Health section's checks. PostgreSQL has no such view worth sharing ({@link #supported} is false there). Immutable
 * and thread-safe.
 */
public final class SchemaTables {

    private static final String RESOURCE = "schema-tables";

    /**
     * One row of {@code information_schema.TABLES}; empty optionals where the server reports NULL.
     *
     * @param name the table's name
     * @param type {@code BASE TABLE}, {@code VIEW}, {@code SEQUENCE}, {@code SYSTEM VIEW} ...
     * @param engine the storage engine (empty for views)
     * @param rows the server's estimate of rows
     * @param dataBytes {@code DATA_LENGTH} in bytes (0 when NULL)
     * @param indexBytes {@code INDEX_LENGTH} in bytes (0 when NULL)
     * @param freeBytes {@code DATA_FREE} in bytes
     * @param autoIncrement the next AUTO_INCREMENT value
     * @param createOptions {@code CREATE_OPTIONS}
     */
    public record Table(String name, String type, Optional<String> engine, OptionalLong rows, long dataBytes,
                        long indexBytes, OptionalLong freeBytes, Optional<BigInteger> autoIncrement,
                        Optional<String> createOptions) {

        /** Validates. */
        public Table {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(freeBytes, "freeBytes");
            Objects.requireNonNull(autoIncrement, "autoIncrement");
            Objects.requireNonNull(createOptions, "createOptions");
        }

        /** Whether it is a base table ({@code TABLE_TYPE = 'BASE TABLE'}, compared as the server compares it). */
        public boolean baseTable() {
            return type.equalsIgnoreCase("BASE TABLE");
        }

        /** Whether it is a {@code SEQUENCE} object (MariaDB 10.3+). */
        public boolean sequence() {
            return type.equalsIgnoreCase("SEQUENCE");
        }
    }

    /**
     * Where the readers of one unit of work get the snapshot of a database: {@link #fresh()} reads at every ask,
     * {@link #shared()} once per database and then hands the same snapshot to every asker.
     */
    @FunctionalInterface
    public interface Source {

        /**
         * The snapshot of {@code schema}, read on {@code connection} (left open) when this source reads.
         *
         * @throws SQLException when the read fails (a shared source then reads again at the next ask)
         */
        SchemaTables tables(Connection connection, Duration timeout, Dialect dialect, String schema)
                throws SQLException;

        /** Reads at every ask. */
        static Source fresh() {
            return SchemaTables::read;
        }

        /** Reads each database once, at the first ask, then shares the snapshot; thread-safe. */
        static Source shared() {
            Map<String, SchemaTables> read = new HashMap<>();
            return (connection, timeout, dialect, schema) -> {
                synchronized (read) {
                    SchemaTables tables = read.get(schema);
                    if (tables == null) {
                        tables = SchemaTables.read(connection, timeout, dialect, schema);
                        read.put(schema, tables);
                    }
                    return tables;
                }
            };
        }
    }

    private final String schema;
    private final List<Table> tables;

    private SchemaTables(String schema, List<Table> tables) {
        this.schema = schema;
        this.tables = List.copyOf(tables);
    }

    /** Whether the dialect has this snapshot (MariaDB). */
    public static boolean supported(Dialect dialect) {
        return SqlResource.exists("core", dialect, RESOURCE);
    }

    /**
     * Reads the snapshot of one database; an empty name (no database selected) reads nothing and gives no tables, as
     * {@code TABLE_SCHEMA = DATABASE()} does then.
     *
     * @param connection an open connection (left open)
     * @param timeout the statement's time limit
     * @param dialect the server's dialect; see {@link #supported}
     * @param schema the database
     * @throws IllegalArgumentException when the dialect has no such snapshot
     */
    public static SchemaTables read(Connection connection, Duration timeout, Dialect dialect, String schema)
            throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schema, "schema");
        if (!supported(dialect)) {
            throw new IllegalArgumentException("No information_schema.TABLES snapshot for " + dialect
                    + ": check SchemaTables.supported(dialect) first");
        }
        if (schema.isEmpty()) {
            return new SchemaTables(schema, List.of());
        }
        return new SchemaTables(schema, Jdbc.query(connection, timeout, SqlResource.load("core", dialect, RESOURCE),
                SchemaTables::row, schema));
    }

    private static Table row(ResultSet rs) throws SQLException {
        String next = rs.getString("auto_increment");
        return new Table(rs.getString("table_name"), rs.getString("table_type"),
                Optional.ofNullable(rs.getString("engine")), optionalLong(rs, "table_rows"), rs.getLong("data_length"),
                rs.getLong("index_length"), optionalLong(rs, "data_free"),
                Optional.ofNullable(next).map(BigInteger::new), Optional.ofNullable(rs.getString("create_options")));
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** The database read. */
    public String schema() {
        return schema;
    }

    /** Every table, view and sequence, by name in the server's order. */
    public List<Table> tables() {
        return tables;
    }
}
