package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code index.no-primary-key}: tables without a primary key. When a unique index over NOT NULL columns exists, the
 * fix promotes it (PostgreSQL {@code ADD PRIMARY KEY USING INDEX}, MariaDB {@code ADD PRIMARY KEY}); otherwise the
 * advice says how to add a surrogate key and what it locks.
 */
final class NoPrimaryKeyCheck extends RowCheck {

    NoPrimaryKeyCheck() {
        super("index.no-primary-key", "tables without a primary key");
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return super.appliesTo(dialect) || CheckSupport.hasQuery(dialect, "catalog-index-columns");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        if (ctx.dialect() instanceof PostgresDialect) {
            return super.run(ctx);
        }
        // MariaDB: base tables of the run's catalog snapshot without a PRIMARY index, by name; the unique index
        // named is the one over NOT NULL columns with the fewest columns, then first by name
        MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
        List<Finding> findings = new ArrayList<>();
        for (MariaDbIndexCatalog.Table t : catalog.tables()) {
            List<MariaDbIndexCatalog.Index> indexes = catalog.indexes(t.name());
            if (!t.base() || indexes.stream().anyMatch(MariaDbIndexCatalog.Index::primary)) {
                continue;
            }
            MariaDbIndexCatalog.Index unique = null;
            for (MariaDbIndexCatalog.Index index : indexes) {
                if (!index.nonUnique() && index.columns().stream().noneMatch(MariaDbIndexCatalog.Column::nullable)
                        && (unique == null || index.columns().size() < unique.columns().size())) {
                    unique = index;
                }
            }
            List<String> columns = unique == null ? List.of() : unique.columns().stream()
                    .map(c -> ctx.dialect().quote(c.name())).toList();
            findings.add(finding(ctx, TableName.of(ctx.schema(), t.name()), t.rows(), t.dataBytes() + t.indexBytes(),
                    unique == null ? null : unique.name(), "", columns));
        }
        return findings;
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        return finding(ctx, CheckSupport.table(rs), rs.getLong("table_rows"), rs.getLong("table_bytes"),
                rs.getString("unique_index"), rs.getString("partitions"), List.of());
    }

    private Finding finding(CheckContext ctx, TableName table, long rows, long bytes, String unique,
                            String partitions, List<String> uniqueColumns) {
        String quoted = table.quoted(ctx.dialect());
        Fix fix;
        if (unique == null) {
            fix = Fix.advice(ctx.dialect() instanceof PostgresDialect
                    ? "add a key the application can address rows by; a surrogate one is ALTER TABLE " + quoted
                            + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY (rewrites the table "
                            + "under an ACCESS EXCLUSIVE lock: plan a window)"
                    : "add a key the application can address rows by; a surrogate one is ALTER TABLE " + quoted
                            + " ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST, ALGORITHM=INPLACE, "
                            + "LOCK=NONE (rebuilds the table online)");
        } else if (ctx.dialect() instanceof PostgresDialect) {
            fix = Fix.sql("promote the unique index " + unique + " to the primary key (brief ACCESS EXCLUSIVE lock, "
                    + "no rebuild)", "ALTER TABLE " + quoted + " ADD PRIMARY KEY USING INDEX "
                    + ctx.dialect().quote(unique));
        } else {
            fix = Fix.sql("make the unique index " + unique + " the primary key (online rebuild)",
                    "ALTER TABLE " + quoted + " DROP INDEX " + ctx.dialect().quote(unique) + ", ADD PRIMARY KEY ("
                            + String.join(", ", uniqueColumns) + "), ALGORITHM=INPLACE, LOCK=NONE");
        }
        return builder(rows >= 1_000_000 ? Severity.ERROR : Severity.WARNING)
                .object(CheckSupport.tableObject(ctx.dialect(), table))
                .message("Table " + table.name() + " has no primary key: rows cannot be addressed one by one, "
                        + "replication of updates and deletes scans the table" + (unique != null
                        ? " (unique index " + unique + " could be the key)" : ""))
                .evidence("table_rows", rows).evidence("rows_source", CheckSupport.rowsSource(ctx.dialect()))
                .evidence("table_bytes", bytes)
                .evidence("partitions", partitions)
                .fix(fix).build();
    }
}
