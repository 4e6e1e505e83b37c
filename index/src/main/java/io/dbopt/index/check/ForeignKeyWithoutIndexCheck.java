package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.fk-without-index}: foreign keys no index leads with. Deleting a parent row then scans the child table
 * under a lock, and parent-to-child joins cannot use an index. On MariaDB InnoDB creates the index with the key, so
 * this fires only for keys whose index was dropped with {@code foreign_key_checks=0}.
 */
final class ForeignKeyWithoutIndexCheck implements IndexCheck {

    private static final long LARGE_TABLE_ROWS = 100_000;

    @Override
    public String id() {
        return "index.fk-without-index";
    }

    @Override
    public String description() {
        return "foreign keys whose columns no index leads with";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "fk-without-index")
                || CheckSupport.hasQuery(dialect, "catalog-index-columns");
    }

    /** One key without an index, as PostgreSQL's query or MariaDB's catalog snapshot gives it. */
    private record Row(TableName table, String constraint, List<String> columns, List<String> nullable,
                       String referencedTable, long rows, long bytes, boolean rowsGuessed, boolean partitioned,
                       java.sql.Timestamp statsAt) {
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        CheckSupport.Creations creations = CheckSupport.creations(ctx);
        if (!(ctx.dialect() instanceof io.dbopt.core.PostgresDialect)) {
            List<Finding> findings = new ArrayList<>();
            for (Row row : mariaDb(ctx)) {
                findings.add(finding(ctx, creations, row));
            }
            return findings;
        }
        return CheckSupport.query(ctx, "fk-without-index", rs -> finding(ctx, creations, new Row(
                CheckSupport.table(rs), rs.getString("constraint_name"),
                CheckSupport.jsonStrings(rs.getString("columns")),
                CheckSupport.jsonStrings(rs.getString("nullable_columns")), rs.getString("referenced_table"),
                rs.getLong("table_rows"), rs.getLong("table_bytes"), rs.getBoolean("rows_guessed"),
                rs.getBoolean("partitioned"), rs.getTimestamp("stats_at"))), ctx.schema());
    }

    /**
     * MariaDB: the keys of the run's {@link MariaDbIndexCatalog} that no index leads with, by table and constraint
     * name, with their table's estimates (the tables are read only when there is such a key).
     */
    private static List<Row> mariaDb(CheckContext ctx) throws SQLException {
        MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
        List<Row> rows = new ArrayList<>();
        Map<String, MariaDbIndexCatalog.Table> tables = null;
        for (MariaDbIndexCatalog.ForeignKey key : catalog.foreignKeys()) {
            if (catalog.supported(key)) {
                continue;
            }
            if (tables == null) {
                tables = new HashMap<>();
                for (MariaDbIndexCatalog.Table t : catalog.tables()) {
                    tables.put(t.name(), t);
                }
            }
            MariaDbIndexCatalog.Table t = tables.get(key.table());
            rows.add(new Row(TableName.of(ctx.schema(), key.table()), key.name(),
                    key.columns().stream().map(MariaDbIndexCatalog.KeyColumn::name).toList(), List.of(),
                    key.referencedTable(), t == null ? 0 : t.rows(), t == null ? 0 : t.dataBytes(), false, false,
                    null));
        }
        return rows;
    }

    private Finding finding(CheckContext ctx, CheckSupport.Creations creations, Row row) throws SQLException {
        TableName table = row.table();
        List<String> columns = row.columns();
        long rows = row.rows();
        List<String> nullable = row.nullable();
        IndexDefinition.Builder def = IndexDefinition.on(table).columns(columns.toArray(String[]::new))
                .name(ctx.names().choose(table, columns, "idx"));
        if (!nullable.isEmpty()) {
            // rows with a NULL key reference nothing: a partial index leaves them out and serves every lookup
            def.where(String.join(" AND ", nullable.stream().map(c -> ctx.dialect().quote(c) + " IS NOT NULL")
                    .toList()));
        }
        IndexDefinition index = def.build();
        boolean partitioned = row.partitioned();
        String constraint = row.constraint();
        return Finding.builder(id(), rows >= LARGE_TABLE_ROWS ? Severity.ERROR : Severity.WARNING)
                .object(DbObject.of(io.dbopt.core.finding.ObjectType.CONSTRAINT,
                        table.quoted(ctx.dialect()) + "." + ctx.dialect().quote(constraint)))
                .message("Foreign key " + table.name() + " (" + String.join(", ", columns) + ") -> "
                        + row.referencedTable() + " has no index: deleting a "
                        + row.referencedTable() + " row scans " + table.name() + " (about " + rows
                        + " rows)")
                .evidence("table", table.quoted(ctx.dialect())).evidence("columns", String.join(", ", columns))
                .evidence("table_rows", rows)
                .evidence("rows_source", row.rowsGuessed()
                        ? "estimated from the table's pages (never analysed)"
                        : CheckSupport.rowsSource(ctx.dialect()))
                .evidence("statistics_at", statsAt(ctx, row.statsAt()))
                .evidence("table_bytes", row.bytes())
                .fix(Fix.sql(ctx.dialect() instanceof io.dbopt.core.PostgresDialect && partitioned
                        ? "create the index on the partitioned table: ON ONLY the parent, concurrently on each "
                        + "partition, then attach" : "create the index online",
                        creations.statements(index).toArray(String[]::new)))
                .build();
    }

    private static String statsAt(CheckContext ctx, java.sql.Timestamp at) {
        if (at != null) {
            return at.toInstant().toString();
        }
        return ctx.dialect() instanceof io.dbopt.core.PostgresDialect ? "never (no VACUUM or ANALYZE recorded)"
                : "kept current by InnoDB persistent statistics (recalculated after 10 % of rows change)";
    }
}
