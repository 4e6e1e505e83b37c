package io.dbopt.migration.data;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs {@link ValidationRule}s: one counting query per rule, over the whole table or, for sampleable rules on
 * tables with at least {@code sampleThreshold} estimated rows, over a {@link DataSampler} sample. A rule that cannot
 * run (a missing column, say) reports its error; the others still run. Immutable and thread-safe.
 */
public final class ValidationRuleEngine {

    private final Dialect dialect;
    private final long sampleThreshold;
    private final DataSampler sampler;

    /**
     * An engine.
     *
     * @param sampleThreshold from how many estimated rows a table is sampled
     * @param sampler how to sample
     */
    public ValidationRuleEngine(Dialect dialect, long sampleThreshold, DataSampler sampler) {
        this.dialect = dialect;
        this.sampleThreshold = sampleThreshold;
        this.sampler = sampler;
    }

    /** Runs the rules on an open connection, in order. */
    public ValidationResult run(Connection c, List<ValidationRule> rules) throws SQLException {
        SchemaSnapshot schema = SchemaReader.of(dialect).read(c);
        List<RuleResult> results = new ArrayList<>();
        for (ValidationRule rule : rules) {
            Optional<TableSchema> table = schema.table(rule.table());
            if (table.isEmpty()) {
                results.add(new RuleResult(rule, 0, 0, false, Optional.of("table " + rule.table() + " does not exist")));
                continue;
            }
            boolean sample = rule.sampleable() && table.get().estimatedRows() >= sampleThreshold;
            try {
                results.add(run(c, rule, table.get(), sample));
            } catch (SQLException e) {
                ErrorKind kind = SqlErrors.classify(e);
                results.add(new RuleResult(rule, 0, 0, sample, Optional.of(kind + " (SQLState "
                        + SqlErrors.sqlState(e).orElse("none") + ")" + kind.advice().map(a -> ": " + a).orElse(""))));
            }
        }
        return new ValidationResult(results);
    }

    private RuleResult run(Connection c, ValidationRule rule, TableSchema table, boolean sample) throws SQLException {
        if (rule instanceof ValidationRule.Unique u) {
            String cols = u.columns().stream().map(dialect::quote).collect(Collectors.joining(", "));
            String notNull = u.columns().stream().map(n -> dialect.quote(n) + " IS NOT NULL")
                    .collect(Collectors.joining(" AND "));
            String sql = "SELECT (SELECT count(*) FROM " + dialect.quote(table.name()) + "), count(*) FROM (SELECT "
                    + cols + " FROM " + dialect.quote(table.name()) + " WHERE " + notNull + " GROUP BY " + cols
                    + " HAVING count(*) > 1) d";
            return counted(c, rule, sql, List.of(), false);
        }
        if (rule instanceof ValidationRule.RowCountDelta d) {
            long rows = Jdbc.queryFirst(c, "SELECT count(*) FROM " + dialect.quote(table.name()), rs -> rs.getLong(1))
                    .orElse(0L);
            long change = Math.abs(rows - d.baseline());
            boolean broken = change > d.maxChange() * Math.max(1, d.baseline());
            return new RuleResult(rule, rows, broken ? change : 0, false, Optional.empty());
        }
        DataSampler.Sample source = sample ? sampler.sample(c, table) : sampler.all(table);
        List<Object> params = new ArrayList<>();
        String violation = violation(rule, params);
        params.addAll(source.fromParams());
        params.addAll(source.whereParams());
        String sql = "SELECT count(*), coalesce(sum(CASE WHEN " + violation + " THEN 1 ELSE 0 END), 0) FROM "
                + source.from() + source.where().map(w -> " WHERE " + w).orElse("");
        return counted(c, rule, sql, params, sample);
    }

    /** The condition a violating row meets; appends its bound values to {@code params}. */
    private String violation(ValidationRule rule, List<Object> params) {
        boolean postgres = dialect instanceof PostgresDialect;
        if (rule instanceof ValidationRule.NotNull n) {
            return "s." + dialect.quote(n.column()) + " IS NULL";
        }
        if (rule instanceof ValidationRule.Range r) {
            params.add(r.min());
            params.add(r.max());
            return "(s." + dialect.quote(r.column()) + " < ? OR s." + dialect.quote(r.column()) + " > ?)";
        }
        if (rule instanceof ValidationRule.Pattern p) {
            params.add(p.regex());
            String column = "s." + dialect.quote(p.column());
            return column + " IS NOT NULL AND " + (postgres ? "CAST(" + column + " AS text) !~ ?"
                    : "CAST(" + column + " AS CHAR) NOT REGEXP ?");
        }
        if (rule instanceof ValidationRule.Referential r) {
            String column = "s." + dialect.quote(r.column());
            return column + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + dialect.quote(r.referencedTable())
                    + " r WHERE r." + dialect.quote(r.referencedColumn()) + " = " + column + ")";
        }
        if (rule instanceof ValidationRule.Predicate p) {
            // the application's own predicate; NULL counts as satisfied, as for a CHECK constraint
            return "NOT (" + p.sql() + ")";
        }
        throw new IllegalStateException("unsampleable rule " + rule.describe());
    }

    private static RuleResult counted(Connection c, ValidationRule rule, String sql, List<Object> params, boolean sample)
            throws SQLException {
        long[] counts = Jdbc.queryFirst(c, sql, rs -> new long[] {rs.getLong(1), rs.getLong(2)}, params.toArray())
                .orElse(new long[] {0, 0});
        return new RuleResult(rule, counts[0], counts[1], sample, Optional.empty());
    }
}
