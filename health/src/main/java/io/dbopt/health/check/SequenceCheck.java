package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sequences}: sequences (PostgreSQL; MariaDB {@code SEQUENCE} objects) and AUTO_INCREMENT columns (MariaDB)
 * that have used a large share of their range. A PostgreSQL sequence owned by an {@code integer} column is measured
 * against the column's maximum, the limit it will actually hit.
 */
public final class SequenceCheck implements HealthCheck {

    private static final BigDecimal TWO_64 = new BigDecimal("18446744073709551615");
    private static final Map<String, BigDecimal[]> INTEGER_RANGES = Map.of(
            "tinyint", new BigDecimal[] {BigDecimal.valueOf(127), BigDecimal.valueOf(255)},
            "smallint", new BigDecimal[] {BigDecimal.valueOf(32_767), BigDecimal.valueOf(65_535)},
            "mediumint", new BigDecimal[] {BigDecimal.valueOf(8_388_607), BigDecimal.valueOf(16_777_215)},
            "int", new BigDecimal[] {BigDecimal.valueOf(2_147_483_647), BigDecimal.valueOf(4_294_967_295L)},
            "bigint", new BigDecimal[] {BigDecimal.valueOf(Long.MAX_VALUE), TWO_64});

    private final double warn;
    private final double error;

    /** Warns at {@code warn} of the range used, an error at {@code error} (shares, 0 to 1). */
    public SequenceCheck(double warn, double error) {
        this.warn = warn;
        this.error = error;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.SEQUENCES;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return dialect instanceof PostgresDialect && !dialect.version().isAtLeast(10, 0)
                ? Optional.of("needs pg_sequences (PostgreSQL 10 or later)") : Optional.empty();
    }

    /** One counter and how much of its range it has used. */
    private record Used(DbObject object, String what, BigDecimal value, BigDecimal limit, double ratio, Fix fix) {
    }

    /** How many counters were read, how many could not be, and the largest share used. Filled by one run. */
    private static final class Tally {
        int counted;
        int unreadable;
        double maxRatio;

        void saw(double ratio) {
            counted++;
            maxRatio = Math.max(maxRatio, ratio);
        }
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        List<Used> past = new ArrayList<>();
        Tally tally = new Tally();
        if (ctx.dialect() instanceof PostgresDialect) {
            postgres(ctx, past, tally);
        } else {
            mariadb(ctx, past, tally);
        }
        Health.Builder b = Health.builder(kind().id()).detail("counters", tally.counted)
                .detail("max_used_ratio", tally.maxRatio);
        if (tally.unreadable > 0) {
            b.detail("unreadable", tally.unreadable).detail("limited", tally.unreadable + " sequence(s) not readable "
                    + "by this user: GRANT SELECT on them to check them");
        }
        for (Used u : past) {
            Optional<Severity> severity = CheckSupport.grade(u.ratio(), warn, error);
            severity.ifPresent(s -> b.finding(Finding.builder(kind().checkId(), s).object(u.object())
                    .message(u.what() + " has used " + CheckSupport.percent(u.ratio()) + " of its range (" + u.value()
                            + " of " + u.limit() + "): inserts fail when it runs out")
                    .evidence("value", u.value().toPlainString()).evidence("limit", u.limit().toPlainString())
                    .evidence("used_ratio", u.ratio())
                    .fix(u.fix()).build()));
        }
        return b.build();
    }

    private void postgres(CheckContext ctx, List<Used> out, Tally tally) throws SQLException {
        Dialect d = ctx.dialect();
        CheckSupport.query(ctx, "sequences", rs -> {
            if (!rs.getBoolean("readable")) {
                tally.unreadable++;
                return null;
            }
            BigDecimal last = rs.getBigDecimal("last_value");
            if (last == null) {
                return null;
            }
            double ratio = rs.getDouble("used_ratio");
            tally.saw(ratio);
            if (ratio < warn) {
                return null; // only counters past the warning threshold are described
            }
            String sequence = d.quote(rs.getString("schema_name"), rs.getString("sequence_name"));
            String ownerTable = rs.getString("owner_table");
            Fix fix;
            String what;
            if (!ownerTable.isEmpty() && rs.getBoolean("column_bound")) {
                String table = d.quote(rs.getString("owner_schema"), ownerTable);
                String column = d.quote(rs.getString("owner_column"));
                what = "Sequence " + sequence + " feeding " + table + "." + column;
                fix = Fix.sql("widen the column and its sequence to bigint (rewrites the table: plan the lock)",
                        "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE bigint",
                        "ALTER SEQUENCE " + sequence + " AS bigint");
            } else {
                what = "Sequence " + sequence;
                fix = Fix.sql("let the sequence use the bigint range (widen the columns it feeds first)",
                        "ALTER SEQUENCE " + sequence + " AS bigint NO MAXVALUE");
            }
            out.add(new Used(DbObject.of(ObjectType.OTHER, sequence), what, last, rs.getBigDecimal("limit_value"),
                    ratio, fix));
            return null;
        });
    }

    /**
     * MariaDB: the next AUTO_INCREMENT value of each base table that has one, by name, from the cycle's snapshot of
     * {@code information_schema.TABLES} (the {@code SEQUENCE} objects come from the same snapshot, in name order).
     */
    static Map<String, BigDecimal> nextValues(SchemaTables tables) {
        Map<String, BigDecimal> next = new HashMap<>();
        for (SchemaTables.Table t : tables.tables()) {
            if (t.baseTable()) {
                t.autoIncrement().ifPresent(v -> next.put(t.name(), new BigDecimal(v)));
            }
        }
        return next;
    }

    private void mariadb(CheckContext ctx, List<Used> out, Tally tally) throws SQLException {
        Dialect d = ctx.dialect();
        SchemaTables tables = ctx.schemaTables();
        Map<String, BigDecimal> nextValues = nextValues(tables);
        CheckSupport.query(ctx, "auto-increment-columns", rs -> {
            BigDecimal[] range = INTEGER_RANGES.get(rs.getString("data_type").toLowerCase(Locale.ROOT));
            BigDecimal next = nextValues.get(rs.getString("table_name"));
            if (range == null || next == null) {
                return null;
            }
            BigDecimal limit = range[rs.getBoolean("is_unsigned") ? 1 : 0];
            BigDecimal used = next.subtract(BigDecimal.ONE).max(BigDecimal.ZERO);
            double ratio = used.divide(limit, MathContext.DECIMAL64).doubleValue();
            tally.saw(ratio);
            if (ratio < warn) {
                return null;
            }
            String table = d.quote(rs.getString("table_name"));
            String column = d.quote(rs.getString("column_name"));
            out.add(new Used(DbObject.column(table, column), "AUTO_INCREMENT column " + table + "." + column, used,
                    limit, ratio,
                    Fix.sql("widen the column to BIGINT (an online ALTER on InnoDB, but it rebuilds the table)",
                            "ALTER TABLE " + table + " MODIFY " + column + " BIGINT"
                                    + (rs.getBoolean("is_unsigned") ? " UNSIGNED" : "") + " NOT NULL AUTO_INCREMENT")));
            return null;
        });
        List<String> sequences = tables.tables().stream().filter(SchemaTables.Table::sequence)
                .map(SchemaTables.Table::name).toList();
        for (String name : sequences) {
            String quoted = d.quote(name);
            List<BigDecimal[]> rows = Jdbc.query(ctx.connection(), ctx.statementTimeout(),
                    "SELECT next_not_cached_value, minimum_value, maximum_value, increment FROM " + quoted,
                    rs -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)});
            if (rows.isEmpty()) {
                continue;
            }
            BigDecimal[] r = rows.get(0);
            boolean ascending = r[3].signum() > 0;
            BigDecimal limit = ascending ? r[2] : r[1];
            BigDecimal used = r[0].subtract(r[3]);
            double ratio = limit.signum() == 0 ? 0 : used.divide(limit, MathContext.DECIMAL64).doubleValue();
            tally.saw(ratio);
            if (ratio < warn) {
                continue;
            }
            out.add(new Used(DbObject.of(ObjectType.OTHER, quoted), "Sequence " + quoted, used, limit, ratio,
                    Fix.sql("raise the sequence's limit (widen the columns it feeds first)",
                            "ALTER SEQUENCE " + quoted + (ascending ? " MAXVALUE " : " MINVALUE ")
                                    + (ascending ? Long.MAX_VALUE : Long.MIN_VALUE))));
        }
    }
}
