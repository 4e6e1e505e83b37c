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
 * {@code index.non-transactional-engine} (MariaDB): MyISAM and Aria tables; the fix converts them to InnoDB (a
 * table copy that blocks writes for its duration: {@code LOCK=SHARED}). The tables come from the run's catalog
 * snapshot ({@link MariaDbIndexCatalog#tables()}, one read of {@code information_schema.TABLES} per run).
 */
final class NonTransactionalEngineCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.non-transactional-engine";
    }

    @Override
    public String description() {
        return "MyISAM and Aria tables (no transactions, table locks)";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return SchemaTables.supported(dialect);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        // base tables on MyISAM or Aria by name (the server's order); engine names compare case-insensitively, as
        // the query's IN did
        List<Finding> findings = new ArrayList<>();
        for (MariaDbIndexCatalog.Table t : MariaDbIndexCatalog.of(ctx).tables()) {
            if (t.base() && t.engine() != null
                    && (t.engine().equalsIgnoreCase("MyISAM") || t.engine().equalsIgnoreCase("Aria"))) {
                findings.add(finding(ctx, TableName.of(ctx.schema(), t.name()), t.engine(), t.rows(),
                        t.dataBytes() + t.indexBytes()));
            }
        }
        return findings;
    }

    private Finding finding(CheckContext ctx, TableName table, String engine, long rows, long bytes) {
        return Finding.builder(id(), Severity.WARNING)
                .object(CheckSupport.tableObject(ctx.dialect(), table))
                .message("Table " + table.name() + " uses " + engine + ": no transactions, no foreign keys, a table "
                        + "lock on every write, repair instead of recovery after a crash")
                .evidence("engine", engine).evidence("table_rows", rows)
                .evidence("rows_source", CheckSupport.rowsSource(ctx.dialect()))
                .evidence("table_bytes", bytes)
                .fix(Fix.sql("convert to InnoDB (copies the table; writes wait for the copy)",
                        "ALTER TABLE " + table.quoted(ctx.dialect()) + " ENGINE=InnoDB, LOCK=SHARED"))
                .build();
    }
}
