package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The server's per-index usage counters of one schema, where they are not a catalog the checks' queries can join
 * cheaply: on MariaDB, {@code performance_schema.table_io_waits_summary_by_index_usage} (no index; the server builds
 * every row of every schema on each read and visits every open table handle for each row, so at 10,000 tables one
 * read took about 15 s, and five checks read it). It is read once, at the first check that asks, and shared by the
 * checks of one run through their {@link CheckContext}s; the checks join it to their catalog rows in Java. On
 * PostgreSQL ({@link #separate()} false) the statistics views are cheap and the checks' queries read them
 * themselves. Not thread-safe: one per run and schema.
 */
public final class IndexUsage {

    /** Rows read without an index, as one distinct {@code (OBJECT_TYPE, COUNT_READ)} pair of a table. */
    record FullReads(String objectType, long rows) {
    }

    private record Key(String table, String index) {
    }

    private final boolean separate;
    private final Connection connection;
    private final Dialect dialect;
    private final Duration timeout;
    private final String schema;
    private Map<Key, Long> reads;
    private Map<String, Long> tableReads;
    private Map<String, Long> writes;
    private Map<String, List<FullReads>> fullReads;
    private final Map<String, Object> shared = new HashMap<>();
    private final SchemaTables.Source tables;
    private int loads;

    private IndexUsage(Connection connection, Dialect dialect, Duration timeout, String schema,
                       SchemaTables.Source tables) {
        this.connection = connection;
        this.tables = tables;
        this.dialect = dialect;
        this.timeout = timeout;
        this.schema = schema;
        this.separate = dialect != null && SqlResource.exists("index", dialect, "index-usage");
    }

    /**
     * The usage of one schema, read lazily on the connection (left open) under the statement timeout.
     *
     * @param connection an open connection
     * @param dialect the server's dialect
     * @param timeout the statement timeout of the read
     * @param schema the schema (MariaDB: database) whose indexes are counted
     * @return a holder that reads nothing until a check asks, and nothing at all on PostgreSQL
     */
    public static IndexUsage of(Connection connection, Dialect dialect, Duration timeout, String schema) {
        return of(connection, dialect, timeout, schema, SchemaTables.Source.fresh());
    }

    /**
     * As {@link #of(Connection, Dialect, Duration, String)}, the MariaDB checks taking the schema's
     * {@code information_schema.TABLES} from {@code tables} (a doctor run's shared read).
     */
    public static IndexUsage of(Connection connection, Dialect dialect, Duration timeout, String schema,
                                SchemaTables.Source tables) {
        return new IndexUsage(Objects.requireNonNull(connection, "connection"), Objects.requireNonNull(dialect,
                "dialect"), timeout, schema, Objects.requireNonNull(tables, "tables"));
    }

    /** The schema's tables from the run's source (MariaDB; read on this holder's connection when it reads). */
    SchemaTables schemaTables() throws SQLException {
        return tables.tables(connection, timeout, dialect, schema);
    }

    /** Whether the checks take usage from here (MariaDB) rather than from their own queries (PostgreSQL). */
    public boolean separate() {
        return separate;
    }

    /** How many times the counters were read from the server (0 or 1 per holder; for tests and diagnostics). */
    public int loads() {
        return loads;
    }

    /** Rows read through an index since the server started (0 when the server has no row for it). */
    long reads(String table, String index) throws SQLException {
        load();
        return reads.getOrDefault(new Key(table, index), 0L);
    }

    /** Rows read through any index of the table (0 when none). */
    long indexReads(String table) throws SQLException {
        load();
        return tableReads.getOrDefault(table, 0L);
    }

    /** Rows written to the table (0 when the server has no row for it). */
    long writes(String table) throws SQLException {
        load();
        return writes.getOrDefault(table, 0L);
    }

    /** The table's distinct counts of rows read without an index (empty when the server has no such row). */
    List<FullReads> fullReads(String table) throws SQLException {
        load();
        return fullReads.getOrDefault(table, List.of());
    }

    /** A read whose result the checks of one run share. */
    interface Read<T> {
        T get() throws SQLException;
    }

    /**
     * What one check read from the catalog and another of the same run needs too (index.unused and
     * index.rarely-used take the same candidate indexes on MariaDB): read at the first ask, then kept.
     */
    @SuppressWarnings("unchecked")
    <T> T shared(String name, Read<T> read) throws SQLException {
        Object value = shared.get(name);
        if (value == null) {
            value = read.get();
            shared.put(name, value);
        }
        return (T) value;
    }

    private void load() throws SQLException {
        if (reads != null) {
            return;
        }
        if (!separate) {
            throw new IllegalStateException("No separate index usage query for " + dialect);
        }
        Map<Key, Long> byIndex = new HashMap<>();
        Map<String, Long> byTable = new HashMap<>();
        Map<String, Long> written = new HashMap<>();
        Map<String, Set<FullReads>> full = new HashMap<>();
        Jdbc.query(connection, timeout, SqlResource.load("index", dialect, "index-usage"), rs -> {
            String table = rs.getString("table_name");
            String index = rs.getString("index_name");
            long read = rs.getLong("count_read");
            written.merge(table, rs.getLong("count_write"), Long::sum);
            if (index == null) {
                full.computeIfAbsent(table, t -> new LinkedHashSet<>())
                        .add(new FullReads(rs.getString("object_type"), read));
            } else {
                byIndex.merge(new Key(table, index), read, Long::sum);
                byTable.merge(table, read, Long::sum);
            }
            return null;
        }, schema);
        Map<String, List<FullReads>> fullLists = new HashMap<>();
        full.forEach((t, rows) -> fullLists.put(t, new ArrayList<>(rows)));
        loads++;
        this.tableReads = byTable;
        this.writes = written;
        this.fullReads = fullLists;
        this.reads = byIndex;
    }
}
