package io.dbopt.migration.data;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Post-migration data validation: rules declared in code, checked by the {@link ValidationRuleEngine}, large tables
 * sampled repeatably by the {@link DataSampler}, results rendered by the {@link ValidationReporter}.
 *
 * <pre>{@code
 * ValidationResult result = DataValidation.builder()
 *     .notNull("documents", "author_id")
 *     .unique("users", "email")
 *     .range("projects", "budget", 0, 10_000_000)
 *     .pattern("users", "email", "^[^@]+@[^@]+$")
 *     .referential("documents", "project_id", "projects", "id")
 *     .rowCountDelta("documents", countBefore, 0.0)
 *     .predicate("handoffs", "not to oneself", "from_user_id <> to_user_id")
 *     .build()
 *     .validate(dataSource);
 * }</pre>
 *
 * Immutable and thread-safe once built.
 */
public final class DataValidation {

    private final List<ValidationRule> rules;
    private final long sampleThreshold;
    private final double samplePercent;
    private final long seed;

    private DataValidation(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.sampleThreshold = b.sampleThreshold;
        this.samplePercent = b.samplePercent;
        this.seed = b.seed;
    }

    /** Starts declaring rules. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rules, in declaration order. */
    public List<ValidationRule> rules() {
        return rules;
    }

    /**
     * Checks every rule against the database.
     *
     * @throws io.dbopt.core.DbOptException when no connection can be obtained or the catalog cannot be read
     */
    public ValidationResult validate(DataSource dataSource) {
        Dialect dialect = DatabaseInfo.detect(dataSource).dialect();
        ValidationRuleEngine engine = new ValidationRuleEngine(dialect, sampleThreshold,
                new DataSampler(dialect, samplePercent, seed));
        return Jdbc.withConnection(dataSource, "validating data", c -> engine.run(c, rules));
    }

    /** Declares rules; not thread-safe. Every rule's severity is {@link Severity#ERROR} unless given. */
    public static final class Builder {
        private final List<ValidationRule> rules = new ArrayList<>();
        private long sampleThreshold = 1_000_000;
        private double samplePercent = 1.0;
        private long seed = 42;

        private Builder() {
        }

        /** No NULL in {@code table.column}. */
        public Builder notNull(String table, String column) {
            return rule(new ValidationRule.NotNull(table, column, Severity.ERROR));
        }

        /** No duplicate non-NULL keys in these columns of {@code table}. */
        public Builder unique(String table, String... columns) {
            return rule(new ValidationRule.Unique(table, List.of(columns), Severity.ERROR));
        }

        /** Every non-NULL value of {@code table.column} lies in {@code [min, max]}. */
        public Builder range(String table, String column, Number min, Number max) {
            return rule(new ValidationRule.Range(table, column, min, max, Severity.ERROR));
        }

        /** Every non-NULL value of {@code table.column} matches {@code regex}. */
        public Builder pattern(String table, String column, String regex) {
            return rule(new ValidationRule.Pattern(table, column, regex, Severity.ERROR));
        }

        /** Every non-NULL value of {@code table.column} exists in {@code referencedTable.referencedColumn}. */
        public Builder referential(String table, String column, String referencedTable, String referencedColumn) {
            return rule(new ValidationRule.Referential(table, column, referencedTable, referencedColumn, Severity.ERROR));
        }

        /** The row count of {@code table} stays within {@code maxChange} (0.1 = 10 %) of {@code baseline}. */
        public Builder rowCountDelta(String table, long baseline, double maxChange) {
            return rule(new ValidationRule.RowCountDelta(table, baseline, maxChange, Severity.ERROR));
        }

        /** Every row of {@code table} satisfies the application's SQL predicate. */
        public Builder predicate(String table, String name, String sql) {
            return rule(new ValidationRule.Predicate(table, name, sql, Severity.ERROR));
        }

        /** Adds a rule with its own severity. */
        public Builder rule(ValidationRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Samples tables of at least {@code rowThreshold} estimated rows, {@code percent} of their rows, repeatably
         * with {@code seed}; default 1,000,000 rows, 1 %, seed 42.
         */
        public Builder sampling(long rowThreshold, double percent, long seed) {
            if (rowThreshold < 0 || !(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("Sampling needs rowThreshold >= 0 and 0 < percent <= 100");
            }
            this.sampleThreshold = rowThreshold;
            this.samplePercent = percent;
            this.seed = seed;
            return this;
        }

        /** Builds the validation; fails when no rule was declared. */
        public DataValidation build() {
            if (rules.isEmpty()) {
                throw new IllegalStateException("DataValidation needs at least one rule");
            }
            return new DataValidation(this);
        }
    }
}
