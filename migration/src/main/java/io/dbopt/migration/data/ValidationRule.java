package io.dbopt.migration.data;

import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Objects;

/**
 * A rule the data must satisfy after a migration, declared in code through {@link DataValidation.Builder}. Every
 * rule names a table; names are quoted by the dialect and values are bound, except the SQL of a
 * {@link Predicate} rule, which is the application's own code.
 */
public sealed interface ValidationRule {

    /** The table the rule is about. */
    String table();

    /** A short description, e.g. {@code not null orders.customer_id}. */
    String describe();

    /** How severe a violation is. */
    Severity severity();

    /** Whether the rule can be checked on a sample of a large table (uniqueness and counts cannot). */
    default boolean sampleable() {
        return true;
    }

    /** No NULL in the column. */
    record NotNull(String table, String column, Severity severity) implements ValidationRule {
        /** Validates. */
        public NotNull {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public String describe() {
            return "not null " + table + "." + column;
        }
    }

    /** No two rows share the same non-NULL values in these columns. */
    record Unique(String table, List<String> columns, Severity severity) implements ValidationRule {
        /** Validates and copies. */
        public Unique {
            Objects.requireNonNull(table, "table");
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("A unique rule on " + table + " needs at least one column");
            }
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public String describe() {
            return "unique " + table + "(" + String.join(", ", columns) + ")";
        }

        @Override
        public boolean sampleable() {
            return false;
        }
    }

    /** Every non-NULL value lies in {@code [min, max]}. */
    record Range(String table, String column, Number min, Number max, Severity severity) implements ValidationRule {
        /** Validates. */
        public Range {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.doubleValue() > max.doubleValue()) {
                throw new IllegalArgumentException("Range of " + table + "." + column + " has min " + min + " > max " + max);
            }
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public String describe() {
            return "range " + table + "." + column + " in [" + min + ", " + max + "]";
        }
    }

    /** Every non-NULL value matches a regular expression (PostgreSQL {@code ~}, MariaDB {@code REGEXP}). */
    record Pattern(String table, String column, String regex, Severity severity) implements ValidationRule {
        /** Validates. */
        public Pattern {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            java.util.regex.Pattern.compile(Objects.requireNonNull(regex, "regex"));
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public String describe() {
            return "pattern " + table + "." + column + " ~ " + regex;
        }
    }

    /** Every non-NULL value exists in the referenced column. */
    record Referential(String table, String column, String referencedTable, String referencedColumn, Severity severity)
            implements ValidationRule {
        /** Validates. */
        public Referential {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(referencedTable, "referencedTable");
            Objects.requireNonNull(referencedColumn, "referencedColumn");
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public String describe() {
            return "reference " + table + "." + column + " -> " + referencedTable + "." + referencedColumn;
        }
    }

    /**
     * The row count stays within {@code maxChange} (a fraction: 0.1 is 10 %) of a baseline counted before the
     * migration.
     */
    record RowCountDelta(String table, long baseline, double maxChange, Severity severity) implements ValidationRule {
        /** Validates. */
        public RowCountDelta {
            Objects.requireNonNull(table, "table");
            if (baseline < 0 || maxChange < 0 || Double.isNaN(maxChange)) {
                throw new IllegalArgumentException("Row count rule of " + table + " needs baseline >= 0 and maxChange >= 0");
            }
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public String describe() {
            return "row count " + table + " within " + Math.round(maxChange * 100) + "% of " + baseline;
        }

        @Override
        public boolean sampleable() {
            return false;
        }
    }

    /**
     * Every row satisfies a SQL predicate written by the application, e.g. {@code amount >= 0 OR status = 'refund'}.
     * The predicate is the caller's code and goes into the query as written: never build it from user input.
     */
    record Predicate(String table, String name, String sql, Severity severity) implements ValidationRule {
        /** Validates. */
        public Predicate {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(name, "name");
            if (sql == null || sql.isBlank() || sql.contains(";")) {
                throw new IllegalArgumentException("Predicate " + name + " on " + table
                        + " must be one SQL boolean expression without ';'");
            }
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public String describe() {
            return "predicate " + name + " on " + table;
        }
    }
}
