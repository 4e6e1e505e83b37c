package io.dbopt.migration.schema;

import java.util.Objects;

/**
 * One view.
 *
 * @param name the stored view name
 * @param definition the SELECT as the server prints it
 */
public record ViewSchema(String name, String definition) {

    /** Validates. */
    public ViewSchema {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A view needs a name");
        }
        Objects.requireNonNull(definition, "definition");
    }

    /** Whether two views select the same thing, ignoring white space and case. */
    public boolean sameAs(ViewSchema other) {
        return name.equals(other.name) && squash(definition).equals(squash(other.definition));
    }

    private static String squash(String sql) {
        String s = sql.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
    }
}
