package io.dbopt.index.ddl;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.index.IndexKey;
import io.dbopt.index.TableName;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Chooses index names that fit the server's identifier limit (63 UTF-8 bytes on PostgreSQL, 64 characters on MariaDB)
 * and collide neither with existing objects nor with names chosen earlier by the same instance.
 *
 * <p>A name is {@code <table>_<col>_<col>_<suffix>}; when that is too long it is cut and an 8-digit hash of the full
 * name is added, so two long names that share a prefix never end up the same after the server's truncation. Index
 * names share one namespace per schema on PostgreSQL (with tables and sequences) and per table on MariaDB, where
 * they are compared without case. Not thread-safe.
 */
public final class IndexNames {

    private final Dialect dialect;
    private final BiPredicate<TableName, String> existing;
    private final Set<String> chosen = new HashSet<>();

    /**
     * Creates a name chooser.
     *
     * @param dialect the server's dialect
     * @param existing answers whether a name is already taken for a table (by any relation in its schema on
     *     PostgreSQL, by an index of the table on MariaDB)
     */
    public IndexNames(Dialect dialect, BiPredicate<TableName, String> existing) {
        this.dialect = dialect;
        this.existing = existing;
    }

    /** Chooses and reserves a free name for an index on {@code columns} of {@code table}. */
    public String choose(TableName table, List<String> columns, String suffix) {
        String base = table.name() + "_" + String.join("_", columns.stream().map(IndexKey::namePart).toList());
        String name = fit(base, "_" + suffix);
        for (int n = 2; isTaken(table, name); n++) {
            name = fit(base, "_" + suffix + n);
        }
        chosen.add(key(table, name));
        return name;
    }

    /** Whether the name is taken in the catalog or was chosen before by this instance. */
    public boolean isTaken(TableName table, String name) {
        return chosen.contains(key(table, name)) || existing.test(table, name);
    }

    /**
     * {@code base + ending}, cut to the server's limit with a hash of the uncut text before {@code ending} when it does
     * not fit.
     */
    String fit(String base, String ending) {
        String full = base + ending;
        if (length(full) <= dialect.maxIdentifierLength()) {
            return full;
        }
        String hash = String.format("_%08x", base.hashCode());
        StringBuilder cut = new StringBuilder();
        int budget = dialect.maxIdentifierLength() - length(hash + ending);
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            String next = new String(Character.toChars(cp));
            if (length(cut + next) > budget) {
                break;
            }
            cut.append(next);
            i += Character.charCount(cp);
        }
        return cut + hash + ending;
    }

    private int length(String s) {
        return dialect.identifierLengthUnit() == Dialect.IdentifierLengthUnit.BYTES
                ? s.getBytes(StandardCharsets.UTF_8).length : s.codePointCount(0, s.length());
    }

    private String key(TableName table, String name) {
        return dialect instanceof PostgresDialect ? table.schema() + "\u0000" + name
                : table.schema() + "\u0000" + table.name() + "\u0000" + name.toLowerCase(Locale.ROOT);
    }
}
