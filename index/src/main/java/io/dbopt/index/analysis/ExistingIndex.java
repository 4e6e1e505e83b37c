package io.dbopt.index.analysis;

import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexMethod;
import java.util.List;
import java.util.Locale;

/**
 * An index as the catalog describes it, for deciding whether it already serves a candidate.
 *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 *
 * @param name index name
 * @param keyColumns key columns in order; an expression appears as ""
 * @param includeColumns INCLUDE columns
 * @param unique whether unique
 * @param primary whether the primary key
 * @param valid whether the planner may use it (not INVALID, not IGNORED)
 * @param constraintOwned whether a constraint owns it or depends on it (PostgreSQL), or it is unique (MariaDB)
 * @param buildInProgress whether a concurrent build is working on it right now (PostgreSQL)
 * @param method access method, lower case ({@code btree}, {@code gin}, ...)
 * @param predicate partial-index predicate as the server prints it, empty when none
 * @param hasExpressions whether some key is an expression (or a MariaDB prefix)
 * @param bytes size on disk
  */
public record ExistingIndex(String name, List<String> keyColumns, List<String> includeColumns, boolean unique,
                     boolean primary, boolean valid, boolean constraintOwned, boolean buildInProgress, String method,
                     String predicate, boolean hasExpressions, long bytes) {

    public ExistingIndex {
        keyColumns = List.copyOf(keyColumns);
        includeColumns = List.copyOf(includeColumns);
    }

    /**
     * Whether this index already does what the candidate would: same access method, the candidate's key columns are
     * a leading prefix of this index's (B-tree) or a subset (GIN), its INCLUDE columns are held, and this index has no
     * predicate (a partial index serves only queries that imply it) unless the candidate has the same one.
     */
    boolean serves(IndexDefinition candidate, boolean ignoreCase) {
        if (!valid || !methodMatches(candidate.method())) {
            return false;
        }
        if (!predicate.isEmpty() && !sameText(predicate, candidate.predicate())) {
            return false;
        }
        List<String> keys = normalise(keyColumns, ignoreCase);
        List<String> wanted = normalise(candidate.columns(), ignoreCase);
        boolean keysServed = candidate.method() == IndexMethod.BTREE
                ? keys.size() >= wanted.size() && keys.subList(0, wanted.size()).equals(wanted)
                : keys.containsAll(wanted);
        if (!keysServed) {
            return false;
        }
        List<String> held = new java.util.ArrayList<>(keys);
        held.addAll(normalise(includeColumns, ignoreCase));
        return held.containsAll(normalise(candidate.include(), ignoreCase));
    }

    /** Whether this index has exactly the definition's key and INCLUDE columns, uniqueness, method and predicate. */
    boolean sameAs(IndexDefinition d, boolean ignoreCase) {
        return normalise(keyColumns, ignoreCase).equals(normalise(d.columns(), ignoreCase))
                && normalise(includeColumns, ignoreCase).equals(normalise(d.include(), ignoreCase))
                && unique == d.unique() && methodMatches(d.method())
                && (predicate.isEmpty() ? d.predicate().isEmpty() : sameText(predicate, d.predicate()));
    }

    private boolean methodMatches(IndexMethod m) {
        return switch (m) {
            case BTREE -> method.equals("btree");
            case GIN, GIN_JSONB_PATH -> method.equals("gin");
        };
    }

    private static boolean sameText(String a, String b) {
        return a.replaceAll("[\\s()]", "").equalsIgnoreCase(b.replaceAll("[\\s()]", ""));
    }

    private static List<String> normalise(List<String> names, boolean ignoreCase) {
        return ignoreCase ? names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList() : names;
    }
}
