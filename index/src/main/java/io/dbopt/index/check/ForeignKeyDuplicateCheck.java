package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code index.fk-duplicate}: a foreign key identical to another of its table; the fix drops the duplicate
 * constraint (not an index: the kept key's index serves both).
 */
final class ForeignKeyDuplicateCheck extends RowCheck {

    ForeignKeyDuplicateCheck() {
        super("index.fk-duplicate", "foreign keys identical to another foreign key of the same table");
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return super.appliesTo(dialect) || CheckSupport.hasQuery(dialect, "catalog-foreign-keys");
    }

    /**
     * MariaDB: the foreign keys of the run's catalog snapshot with the same referenced table and column pairs (in
     * ordinal order; compared case-insensitively, as the query's collation did) as a key of the same table earlier by
     * name, which is kept; by table and constraint name.
     */
    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        if (ctx.dialect() instanceof PostgresDialect) {
            return super.run(ctx);
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, String> first = new HashMap<>();
        for (MariaDbIndexCatalog.ForeignKey key : MariaDbIndexCatalog.of(ctx).foreignKeys()) {
            StringBuilder signature = new StringBuilder(key.table()).append('\u0000').append(key.referencedSchema())
                    .append('.').append(key.referencedTable()).append(':');
            for (MariaDbIndexCatalog.KeyColumn c : key.columns()) {
                signature.append(c.name()).append('>').append(c.referencedColumn()).append(',');
            }
            String kept = first.putIfAbsent(signature.toString().toLowerCase(Locale.ROOT), key.name());
            if (kept != null) {
                findings.add(finding(ctx, TableName.of(ctx.schema(), key.table()), key.name(), kept));
            }
        }
        return findings;
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        return finding(ctx, CheckSupport.table(rs), rs.getString("constraint_name"), rs.getString("duplicate_of"));
    }

    private Finding finding(CheckContext ctx, TableName table, String constraint, String kept) {
        String drop = "ALTER TABLE " + table.quoted(ctx.dialect()) + (ctx.dialect() instanceof PostgresDialect
                ? " DROP CONSTRAINT " : " DROP FOREIGN KEY ") + ctx.dialect().quote(constraint);
        return builder(Severity.WARNING)
                .object(constraintObject(ctx, table, constraint))
                .message("Foreign key " + constraint + " on " + table.name() + " duplicates " + kept
                        + ": every write is checked twice")
                .evidence("duplicate_of", kept)
                .fix(Fix.sql("drop the duplicate constraint; " + kept + " keeps the rule", drop)).build();
    }

    static DbObject constraintObject(CheckContext ctx, TableName table, String constraint) {
        return DbObject.of(ObjectType.CONSTRAINT, table.quoted(ctx.dialect()) + "." + ctx.dialect().quote(constraint));
    }
}
