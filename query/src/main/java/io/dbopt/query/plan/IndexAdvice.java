package io.dbopt.query.plan;

import io.dbopt.core.Dialect;
import io.dbopt.core.InvalidIdentifierException;
import io.dbopt.core.PostgresDialect;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes index-creation SQL for a fix, quoted through the dialect and built without blocking writes. Stateless. */
final class IndexAdvice {

    private IndexAdvice() {
    }

    static String createIndex(Dialect dialect, String table, List<String> columns) {
        String name = indexName(dialect, table, columns);
        String cols = columns.stream().map(dialect::quote).collect(Collectors.joining(", "));
        if (dialect instanceof PostgresDialect) {
            return "CREATE INDEX CONCURRENTLY " + dialect.quote(name) + " ON " + dialect.quote(table) + " (" + cols
                    + ")";
        }
        return "ALTER TABLE " + dialect.quote(table) + " ADD INDEX " + dialect.quote(name) + " (" + cols
                + "), ALGORITHM=INPLACE, LOCK=NONE";
    }

    static String analyze(Dialect dialect, String table) {
        // MariaDB's optimizer prefers engine-independent statistics, which only PERSISTENT FOR ALL refreshes
        return dialect instanceof PostgresDialect ? "ANALYZE " + dialect.quote(table)
                : "ANALYZE TABLE " + dialect.quote(table) + " PERSISTENT FOR ALL";
    }

    /** {@code <table>_<columns>_idx}, shortened with a hash when longer than the server allows. */
    static String indexName(Dialect dialect, String table, List<String> columns) {
        String full = (table + "_" + String.join("_", columns) + "_idx").toLowerCase(Locale.ROOT);
        if (fits(dialect, full)) {
            return full;
        }
        String hash = Integer.toHexString(full.hashCode() & 0x7fffffff);
        String base = full;
        while (base.length() > 8 && !fits(dialect, base + "_" + hash + "_idx")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "_" + hash + "_idx";
    }

    private static boolean fits(Dialect dialect, String name) {
        try {
            dialect.validateIdentifier(name);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }
}
