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
import java.util.Optional;

/**
 * {@code index.fk-type-mismatch}: a foreign key column whose type differs from the referenced column's. On
 * PostgreSQL the fix changes the referencing column to the referenced type (a table rewrite under an ACCESS
 * EXCLUSIVE lock, stated in the fix); on MariaDB the advice names the type, since MODIFY needs the column's full
 * definition.
 */
final class ForeignKeyTypeMismatchCheck extends RowCheck {

    ForeignKeyTypeMismatchCheck() {
        super("index.fk-type-mismatch", "foreign key columns whose type differs from the referenced column's");
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return super.appliesTo(dialect) || CheckSupport.hasQuery(dialect, "catalog-foreign-keys");
    }

    /**
     * MariaDB: the key columns of the run's catalog snapshot (by table, constraint and column name) whose type,
     * character set or collation differs from the referenced column's; columns are read once per schema the keys
     * touch (the query read {@code information_schema.COLUMNS} of every database on the server).
     */
    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        if (ctx.dialect() instanceof PostgresDialect) {
            return super.run(ctx);
        }
        MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
        List<Finding> findings = new ArrayList<>();
        for (MariaDbIndexCatalog.ForeignKey key : catalog.foreignKeysByColumnName()) {
            for (MariaDbIndexCatalog.KeyColumn k : key.columns()) {
                Optional<MariaDbIndexCatalog.ColumnType> own = catalog.column(ctx.schema(), key.table(), k.name());
                Optional<MariaDbIndexCatalog.ColumnType> ref = catalog.column(key.referencedSchema(),
                        key.referencedTable(), k.referencedColumn());
                if (own.isPresent() && ref.isPresent() && !own.get().sameType(ref.get())) {
                    findings.add(finding(ctx, TableName.of(ctx.schema(), key.table()), key.name(), k.name(),
                            own.get().type(), ref.get().type(), key.referencedSchema() + "." + key.referencedTable()
                                    + "." + k.referencedColumn()));
                }
            }
        }
        return findings;
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        return finding(ctx, CheckSupport.table(rs), rs.getString("constraint_name"), rs.getString("column_name"),
                rs.getString("column_type"), rs.getString("referenced_type"),
                rs.getString("referenced_table") + "." + rs.getString("referenced_column"));
    }

    private Finding finding(CheckContext ctx, TableName table, String constraint, String column, String type,
                            String refType, String ref) {
        Fix fix = ctx.dialect() instanceof PostgresDialect
                ? Fix.sql("change " + column + " to " + refType + " (rewrites " + table.name() + " under an ACCESS "
                        + "EXCLUSIVE lock and re-checks the key)", "ALTER TABLE " + table.quoted(ctx.dialect())
                        + " ALTER COLUMN " + ctx.dialect().quote(column) + " TYPE " + refType)
                : Fix.advice("ALTER TABLE " + table.quoted(ctx.dialect()) + " MODIFY " + ctx.dialect().quote(column)
                        + " " + refType + " with the column's other attributes (NULL/NOT NULL, default) restated");
        return builder(Severity.WARNING)
                .object(ForeignKeyDuplicateCheck.constraintObject(ctx, table, constraint))
                .message("Foreign key " + constraint + ": " + table.name() + "." + column + " is " + type + " but "
                        + ref + " is " + refType)
                .evidence("column", column).evidence("column_type", type).evidence("referenced", ref)
                .evidence("referenced_type", refType)
                .fix(fix).build();
    }
}
