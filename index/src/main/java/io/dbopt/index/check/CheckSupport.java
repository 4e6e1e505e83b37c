package io.dbopt.index.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.RowMapper;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** What the checks share: running their resource query, naming objects, formatting sizes. */
final class CheckSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckSupport() {
    }

    static boolean hasQuery(Dialect dialect, String name) {
        return SqlResource.exists("index", dialect, name);
    }

    static <T> List<T> query(CheckContext ctx, String name, RowMapper<T> mapper, Object... params)
            throws SQLException {
        return Jdbc.query(ctx.connection(), ctx.options().statementTimeout(),
                SqlResource.load("index", ctx.dialect(), name), mapper, params);
    }

    /** A secondary, non-unique index not leading with a foreign key's columns: one MariaDB's usage checks may drop. */
    record DropCandidate(TableName table, String index, long bytes, String statsSince, boolean partitioned) {
    }

    /**
     * MariaDB: every such index of the schema, largest first, then by table and index name (every size; none when
     * performance_schema is off); found once per run for index.unused and index.rarely-used, which filter it by the
     * usage counters.
     */
    static List<DropCandidate> dropCandidates(CheckContext ctx) throws SQLException {
        return ctx.usage().shared("drop-candidates", () -> readDropCandidates(ctx));
    }

    /**
     * The server half ({@code unused.sql}: whether performance_schema counts, since when) and the catalog half from
     * the run's {@link MariaDbIndexCatalog}, ordered as the query ordered them (a stable sort by size of indexes in
     * table and index order).
     */
    private static List<DropCandidate> readDropCandidates(CheckContext ctx) throws SQLException {
        List<String> since = query(ctx, "unused", rs -> rs.getBoolean("counted") ? rs.getString("stats_since") : null);
        if (since.isEmpty() || since.get(0) == null) {
            return List.of();
        }
        MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
        List<DropCandidate> out = new ArrayList<>();
        for (MariaDbIndexCatalog.Index index : catalog.indexes()) {
            if (!index.primary() && index.nonUnique() && !catalog.backsForeignKey(index)) {
                out.add(new DropCandidate(TableName.of(ctx.schema(), index.table()), index.name(),
                        catalog.bytes(index), since.get(0), false));
            }
        }
        out.sort(Comparator.comparingLong(DropCandidate::bytes).reversed());
        return List.copyOf(out);
    }

    static TableName table(ResultSet rs) throws SQLException {
        return TableName.of(rs.getString("schema_name"), rs.getString("table_name"));
    }

    /** {@code schema.index} on PostgreSQL (names are unique per schema), {@code schema.table.index} on MariaDB. */
    static DbObject indexObject(Dialect dialect, TableName table, String index) {
        String name = dialect instanceof PostgresDialect ? dialect.quote(table.schema(), index)
                : table.quoted(dialect) + "." + dialect.quote(index);
        return DbObject.index(name);
    }

    static DbObject tableObject(Dialect dialect, TableName table) {
        return DbObject.table(table.quoted(dialect));
    }

    /** A JSON array of strings, as the checks return column lists (names may contain any character). */
    static List<String> jsonStrings(String json) throws SQLException {
        try {
            return Arrays.asList(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new SQLException("Unexpected column list from the catalog: " + json, e);
        }
    }

    /** The creation statements of indexes on tables of the context's schema (see {@link Creations}). */
    static Creations creations(CheckContext ctx) {
        return new Creations(ctx);
    }

    /**
     * Writes the statements that create indexes online on tables of the context's schema as they are (partitioned or
     * not), reading the schema's partitions once, at the first call, rather than a table's at each. Not thread-safe.
     */
    static final class Creations {
        private final CheckContext ctx;
        private io.dbopt.index.ddl.IndexCreation.SchemaPartitions partitions;

        private Creations(CheckContext ctx) {
            this.ctx = ctx;
        }

        List<String> statements(io.dbopt.index.IndexDefinition index) throws SQLException {
            if (partitions == null) {
                partitions = io.dbopt.index.ddl.IndexCreation.SchemaPartitions.read(ctx.connection(), ctx.dialect(),
                        ctx.options().statementTimeout(), ctx.schema());
            }
            return partitions.statements(index, ctx.names());
        }
    }

    /**
     * The statement that drops an index: online, or for a partitioned index (which PostgreSQL cannot drop
     * concurrently) a plain drop of it and its partitions' indexes.
     */
    static String dropStatement(CheckContext ctx, TableName table, String index, boolean partitioned) {
        return partitioned
                ? "DROP INDEX IF EXISTS " + io.dbopt.index.ddl.IndexDdl.indexName(ctx.dialect(), table, index)
                : io.dbopt.index.ddl.IndexDdl.dropOnline(ctx.dialect(), table, index);
    }

    /** Where row counts come from: the catalog's estimates, which a statistics reset does not zero. */
    static String rowsSource(Dialect dialect) {
        return dialect instanceof PostgresDialect ? "pg_class.reltuples (estimate of the last VACUUM/ANALYZE)"
                : "information_schema.TABLES.TABLE_ROWS (InnoDB estimate)";
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        // v is the bytes divided by a power of two, so v * 10 is exact and rounding it half up gives the digits
        // String.format's "%.1f" gives, without a Formatter per finding (thousands of findings per report)
        long tenths = Math.round(v * 10);
        return tenths / 10 + "." + tenths % 10 + " " + units[u];
    }
}
