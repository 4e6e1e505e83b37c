package io.dbopt.core.finding;

import java.util.List;
import java.util.Objects;

/**
 * How to fix a finding: a short description and, where the fix is SQL, the statements to run in order. Every
 * identifier in the statements was quoted by the dialect. {@link #NONE} stands for "no fix known".
 *
 * @param description what the fix does, e.g. {@code "drop the duplicate index"}; empty only for {@link #NONE}
 * @param statements SQL to run in order; may be empty when the fix is not SQL (a setting, a code change)
 */
public record Fix(String description, List<String> statements) {

    /** No fix is known. */
    public static final Fix NONE = new Fix("", List.of());

    /** Copies the statements and validates them. */
    public Fix {
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        for (String s : statements) {
            if (s.isBlank()) {
                throw new IllegalArgumentException("A fix statement must not be blank");
            }
        }
        if (description.isBlank() && !statements.isEmpty()) {
            throw new IllegalArgumentException("A fix with statements needs a description");
        }
    }

    /** A fix that is advice only, with no SQL. */
    public static Fix advice(String description) {
        return new Fix(description, List.of());
    }

    /** A fix made of SQL statements. */
    public static Fix sql(String description, String... statements) {
        return new Fix(description, List.of(statements));
    }

    /**
     * Whether one of the statements drops an index: {@code DROP INDEX} (PostgreSQL, also {@code CONCURRENTLY}) or
     * {@code ALTER TABLE ... DROP INDEX} (MariaDB).
     */
    public boolean dropsIndex() {
        return statements.stream().map(s -> s.strip().toUpperCase(java.util.Locale.ROOT))
                .anyMatch(s -> s.startsWith("DROP INDEX") || s.startsWith("ALTER TABLE") && s.contains(" DROP INDEX "));
    }

    /** Whether a fix is known. */
    public boolean isPresent() {
        return !description.isBlank();
    }
}
