package io.dbopt.query.sql;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What dbopt knows about one SQL text: its fingerprint, its kind, the tables it names and a few properties that
 * query-count assertions and the rewriter look at. Produced by {@link SqlAnalyzer#analyze(String)}.
 *
 * <p>Table names are <em>keys</em>: the last part of a qualified name, quotes removed, lower-cased
 * ({@code public."Orders"} becomes {@code orders}). Two different tables can share a key (same name in two schemas,
 * or names differing only by case); invalidation by table then drops a little more than needed, never less.
 *
 * @param fingerprint the normalised text: literals and parameters as {@code ?}, IN lists collapsed, lower-case
 * @param kind what the statement does
 * @param tables every table it names, as keys
 * @param tablesWritten the tables whose rows or definition it changes, as keys; empty for reads
 * @param writesUnknownTables whether it changes data but the tables could not be told (invalidate everything)
 * @param parsed whether JSqlParser understood it; when not, the facts come from tokens alone
 * @param bound whether no value is written into the text: no string literal (other than after
 *     {@code interval}), no number compared with {@code =}, {@code <>} or {@code !=}, none in an {@code IN} list or a
 *     {@code VALUES} tuple. {@code LIMIT 10}, {@code count(*) > 0} and {@code current_date + 7} stay bound.
 * @param leadingWildcardLike whether a {@code LIKE} pattern written in the text starts with {@code %} or {@code _}
 */
public record SqlFacts(String fingerprint, StatementKind kind, Set<String> tables, Set<String> tablesWritten,
                       boolean writesUnknownTables, boolean parsed, boolean bound, boolean leadingWildcardLike) {

    /** Validates and copies. */
    public SqlFacts {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        tables = Set.copyOf(new LinkedHashSet<>(tables));
        tablesWritten = Set.copyOf(tablesWritten);
    }

    /** Whether the statement changes data or schema (and so may invalidate cached reads). */
    public boolean isWrite() {
        return !tablesWritten.isEmpty() || writesUnknownTables;
    }

    /**
     * The key of a table name: the last part of a qualified name, quotes removed, lower-cased.
     *
     * @param name a name as written in SQL, e.g. {@code public."Orders"} or {@code `db`.`t`}
     */
    public static String tableKey(String name) {
        String last = lastPart(name.trim());
        if (last.length() >= 2) {
            char q = last.charAt(0);
            if ((q == '"' || q == '`' || q == '[') && (last.endsWith("\"") || last.endsWith("`") || last.endsWith("]"))) {
                last = last.substring(1, last.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
            }
        }
        return last.toLowerCase(Locale.ROOT);
    }

    private static String lastPart(String name) {
        boolean quoted = false;
        char quote = 0;
        int lastDot = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quoted) {
                if (c == quote) {
                    quoted = false;
                }
            } else if (c == '"' || c == '`') {
                quoted = true;
                quote = c;
            } else if (c == '.') {
                lastDot = i;
            }
        }
        return name.substring(lastDot + 1);
    }
}
