package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
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

    private static final BigInteger SIGNED_BIGINT_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** The used share's decimals: MariaDB's division of two integers ({@code div_precision_increment} 4). */
    private static final int SHARE_SCALE = 4;

    @Override
    public boolean appliesTo(Dialect dialect) {
        return super.appliesTo(dialect) || SchemaTables.supported(dialect);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        if (!(ctx.dialect() instanceof PostgresDialect)) {
            return fromCatalog(ctx);
        }
        return CheckSupport.query(ctx, queryName(), rs -> finding(ctx, rs), ctx.schema(),
                ctx.options().sequenceUsedShare()).stream().filter(Objects::nonNull).toList();
    }

    /**
     * MariaDB: the AUTO_INCREMENT column of each table with a next AUTO_INCREMENT value, from the run's catalog
     * snapshot (TABLES and COLUMNS, each read once per run). The last value is the next one minus 1; the maximum is
     * the integer type's (any other type counts as BIGINT), twice plus one when unsigned; the share is their
     * quotient rounded half up to 4 decimals, as the server's decimal division gave it. Most used first, then by
     * table name (the server's order).
     */
    private List<Finding> fromCatalog(CheckContext ctx) throws SQLException {
        record Used(int position, BigDecimal share, Finding finding) {
        }
        MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
        BigDecimal threshold = BigDecimal.valueOf(ctx.options().sequenceUsedShare());
        List<Used> used = new ArrayList<>();
        List<MariaDbIndexCatalog.Table> tables = catalog.tables();
        for (int i = 0; i < tables.size(); i++) {
            MariaDbIndexCatalog.Table t = tables.get(i);
            if (t.autoIncrement() == null) {
                continue;
            }
            for (MariaDbIndexCatalog.ColumnType c : catalog.columns(t.name())) {
                if (!c.autoIncrement()) {
                    continue;
                }
                BigInteger last = t.autoIncrement().subtract(BigInteger.ONE);
                BigInteger max = switch (c.dataType().toLowerCase(Locale.ROOT)) {
                    case "tinyint" -> BigInteger.valueOf(Byte.MAX_VALUE);
                    case "smallint" -> BigInteger.valueOf(Short.MAX_VALUE);
                    case "mediumint" -> BigInteger.valueOf(8_388_607);
                    case "int" -> BigInteger.valueOf(Integer.MAX_VALUE);
                    default -> SIGNED_BIGINT_MAX;
                };
                if (c.type().toLowerCase(Locale.ROOT).contains("unsigned")) {
                    max = max.shiftLeft(1).add(BigInteger.ONE);
                }
                BigDecimal share = new BigDecimal(last).divide(new BigDecimal(max), SHARE_SCALE,
                        RoundingMode.HALF_UP);
                if (share.compareTo(threshold) >= 0) {
                    used.add(new Used(i, share, finding(ctx, ctx.dialect().quote(ctx.schema(), t.name()) + "."
                            + ctx.dialect().quote(c.name()), c.type(), last.toString(), max.toString(),
                            share.doubleValue(), false)));
                }
            }
        }
        used.sort(Comparator.comparing(Used::share).reversed().thenComparingInt(Used::position));
        return used.stream().map(Used::finding).toList();
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        return finding(ctx, ctx.dialect().quote(rs.getString("schema_name"), rs.getString("sequence_name")),
                rs.getString("data_type"), rs.getString("last_value"), rs.getString("max_value"),
                rs.getDouble("used_share"), true);
    }

    private Finding finding(CheckContext ctx, String name, String type, String lastValue, String maxValue,
                            double used, boolean pg) {
        Fix fix = pg
                ? Fix.advice("widen the sequence (ALTER SEQUENCE " + name + " AS bigint) and every column it feeds "
                        + "(ALTER TABLE ... ALTER COLUMN ... TYPE bigint, a table rewrite) before it runs out")
                : Fix.advice("widen the column to BIGINT (ALTER TABLE ... MODIFY ... BIGINT NOT NULL AUTO_INCREMENT, "
                        + "a table copy) before inserts fail with a duplicate-key error");
        return builder(used >= 0.98 ? Severity.CRITICAL : used >= 0.9 ? Severity.ERROR : Severity.WARNING)
                .object(DbObject.of(pg ? ObjectType.OTHER : ObjectType.COLUMN, name))
                .message((pg ? "Sequence " : "AUTO_INCREMENT column ") + name + " (" + type + ") has used "
                        + String.format(Locale.ROOT, "%.1f", used * 100) + " % of its range")
                .evidence("last_value", lastValue).evidence("max_value", maxValue)
                .evidence("used_share", used).evidence("type", type)
                .fix(fix).build();
    }
}
