package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code index.utf8mb3-column} (MariaDB): tables with utf8mb3 text columns; the fix converts the table to utf8mb4
 * (a table copy; writes wait for it). Tables and columns come from the run's catalog snapshot
 * ({@link MariaDbIndexCatalog}: one read of {@code information_schema.TABLES} and one of {@code COLUMNS} per run).
 */
final class Utf8mb3ColumnCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.utf8mb3-column";
    }

    @Override
    public String description() {
        return "text columns in utf8mb3, which cannot store every character";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return SchemaTables.supported(dialect);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        // base tables by name (the server's order) with their utf8mb3 columns in position order; views do not count
        MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
        List<Finding> findings = new ArrayList<>();
        for (MariaDbIndexCatalog.Table t : catalog.tables()) {
            if (!t.base()) {
                continue;
            }
            List<String> columns = catalog.columns(t.name()).stream()
                    .filter(c -> c.charset().equalsIgnoreCase("utf8mb3") || c.charset().equalsIgnoreCase("utf8"))
                    .map(MariaDbIndexCatalog.ColumnType::name).toList();
            if (!columns.isEmpty()) {
                findings.add(finding(ctx, TableName.of(ctx.schema(), t.name()), columns));
            }
        }
        return findings;
    }

    private Finding finding(CheckContext ctx, TableName table, List<String> columns) {
        return Finding.builder(id(), Severity.WARNING)
                .object(CheckSupport.tableObject(ctx.dialect(), table))
                .message("Table " + table.name() + " stores " + String.join(", ", columns) + " in utf8mb3: emoji "
                        + "and other characters outside the BMP cannot be stored")
                .evidence("columns", String.join(", ", columns))
                .fix(Fix.sql("convert the table to utf8mb4 (copies the table; writes wait for the copy)",
                        "ALTER TABLE " + table.quoted(ctx.dialect()) + " CONVERT TO CHARACTER SET utf8mb4 COLLATE "
                                + "utf8mb4_unicode_ci, LOCK=SHARED"))
                .build();
    }
}
