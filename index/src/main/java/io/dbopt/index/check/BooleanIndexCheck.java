package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code index.boolean}: indexes with a two-valued key column, which rarely beat a scan. */
final class BooleanIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.boolean";
    }

    @Override
    public String description() {
        return "non-unique indexes with a boolean key column";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "boolean") || CheckSupport.hasQuery(dialect, "catalog-index-columns");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        Map<String, Finding> byIndex = new LinkedHashMap<>();
        if (!(ctx.dialect() instanceof PostgresDialect)) {
            // MariaDB: the non-unique indexes of the run's catalog snapshot and their tinyint(1) or bit(1) columns
            // (COLUMNS of the schema, read once for this check and index.fk-type-mismatch), by table, index, position
            MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
            for (MariaDbIndexCatalog.Index index : catalog.indexes()) {
                if (!index.nonUnique()) {
                    continue;
                }
                for (MariaDbIndexCatalog.Column c : index.columns()) {
                    Optional<MariaDbIndexCatalog.ColumnType> type = catalog.column(ctx.schema(), index.table(),
                            c.name());
                    if (type.isPresent() && twoValued(type.get().type())) {
                        TableName table = TableName.of(ctx.schema(), index.table());
                        byIndex.putIfAbsent(table + "\u0000" + index.name(), finding(ctx, table, index.name(),
                                c.name(), c.seq(), catalog.bytes(index), false));
                    }
                }
            }
            return List.copyOf(byIndex.values());
        }
        CheckSupport.query(ctx, "boolean", rs -> {
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            Finding finding = finding(ctx, table, index, rs.getString("column_name"), rs.getInt("key_position"),
                    rs.getLong("index_bytes"), rs.getBoolean("is_partial"));
            byIndex.putIfAbsent(table + "\u0000" + index, finding);
            return finding;
        }, ctx.schema());
        return List.copyOf(byIndex.values());
    }

    /** MariaDB's two-valued column types, as the query matched them ({@code LIKE 'tinyint(1)%'} or {@code bit(1)}). */
    private static boolean twoValued(String columnType) {
        String type = columnType.toLowerCase(Locale.ROOT);
        return type.startsWith("tinyint(1)") || type.equals("bit(1)");
    }

    private Finding finding(CheckContext ctx, TableName table, String index, String column, int position, long bytes,
                            boolean partial) {
        boolean leading = position == 1;
        String advice = leading && !partial
                ? "replace it by a partial index on the other columns for the rare value (WHERE "
                + ctx.dialect().quote(column) + " or WHERE NOT " + ctx.dialect().quote(column)
                + ", PostgreSQL), or drop it if the values are evenly split"
                : "move " + column + " out of the key, or into the predicate of a partial index";
        return Finding.builder(id(), Severity.INFO)
                .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                .message("Index on " + table.name() + " has the boolean column " + column
                        + (leading ? " first" : " in its key") + ": two values rarely make a selective index")
                .evidence("column", column).evidence("key_position", position)
                .evidence("index_bytes", bytes)
                .fix(Fix.advice(advice))
                .build();
    }
}
