package io.dbopt.index.check;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code index.sequence-overflow}: sequences (PostgreSQL) and AUTO_INCREMENT columns (MariaDB) that used at least
 * {@code index.sequence_used_share} of their range; ERROR from 90 %, CRITICAL from 98 %.
 */
final class SequenceOverflowCheck extends RowCheck {

    SequenceOverflowCheck() {
        super("index.sequence-overflow", "sequences and AUTO_INCREMENT columns close to their type's maximum");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        return CheckSupport.query(ctx, queryName(), rs -> finding(ctx, rs), ctx.schema(),
                ctx.options().sequenceUsedShare()).stream().filter(Objects::nonNull).toList();
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        double used = rs.getDouble("used_share");
        boolean pg = ctx.dialect() instanceof PostgresDialect;
        String schema = rs.getString("schema_name");
        String name = pg ? ctx.dialect().quote(schema, rs.getString("sequence_name"))
                : ctx.dialect().quote(schema, rs.getString("table_name")) + "."
                        + ctx.dialect().quote(rs.getString("column_name"));
        String type = pg ? rs.getString("data_type") : rs.getString("column_type");
        Fix fix = pg
                ? Fix.advice("widen the sequence (ALTER SEQUENCE " + name + " AS bigint) and every column it feeds "
                        + "(ALTER TABLE ... ALTER COLUMN ... TYPE bigint, a table rewrite) before it runs out")
                : Fix.advice("widen the column to BIGINT (ALTER TABLE ... MODIFY ... BIGINT NOT NULL AUTO_INCREMENT, "
                        + "a table copy) before inserts fail with a duplicate-key error");
        return builder(used >= 0.98 ? Severity.CRITICAL : used >= 0.9 ? Severity.ERROR : Severity.WARNING)
                .object(DbObject.of(pg ? ObjectType.OTHER : ObjectType.COLUMN, name))
                .message((pg ? "Sequence " : "AUTO_INCREMENT column ") + name + " (" + type + ") has used "
                        + String.format(Locale.ROOT, "%.1f", used * 100) + " % of its range")
                .evidence("last_value", rs.getString("last_value")).evidence("max_value", rs.getString("max_value"))
                .evidence("used_share", used).evidence("type", type)
                .fix(fix).build();
    }
}
