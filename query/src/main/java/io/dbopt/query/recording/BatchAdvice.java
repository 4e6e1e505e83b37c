package io.dbopt.query.recording;

import io.dbopt.query.sql.SqlFacts;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the one-line "use the batched form" advice for an N+1 pattern: the statement with its key column matched
 * against all keys at once, grouped by that column when it aggregates, and a per-key limit kept with a window
 * function when it is paged. Stateless.
 */
final class BatchAdvice {

    private static final String NAME = "(?:[a-z_][a-z0-9_$]*|\"[^\"]+\"|`[^`]+`)";
    /** The first {@code column = ?} of a normalised text. */
    private static final Pattern EQUALS_PARAMETER = Pattern.compile("(" + NAME + "(?:\\." + NAME + ")?) = \\?");
    private static final Pattern SELECT_LIST = Pattern.compile("^select (.+?) from ");
    private static final Pattern AGGREGATE = Pattern.compile("\\b(count|sum|avg|min|max|string_agg|group_concat|"
            + "array_agg|json_agg)\\(");

    private BatchAdvice() {
    }

    static String suggest(SqlFacts facts, boolean postgres) {
        if (facts.kind().isDataChange()) {
            return "send the statements as one JDBC batch (addBatch / executeBatch) or as one set-based statement";
        }
        String sql = facts.fingerprint();
        Matcher key = EQUALS_PARAMETER.matcher(sql);
        Matcher list = SELECT_LIST.matcher(sql);
        if (!key.find() || !list.find() || sql.contains(" group by ")) {
            return "load the rows for all parents in one query (IN list" + (postgres ? ", = ANY(?)" : "")
                    + " or a join) instead of one query per parent";
        }
        String column = key.group(1);
        String all = postgres ? column + " = any(?)" : column + " in (?, ?, ...)";
        String keys = postgres ? " with the keys bound as one array" : "";
        if (AGGREGATE.matcher(list.group(1)).find()) {
            String batched = "select " + column + ", " + list.group(1) + sql.substring(list.end() - " from ".length(),
                    key.start()) + all + sql.substring(key.end()) + " group by " + column;
            return "aggregate for all keys in one query, " + batched + keys;
        }
        if (sql.contains(" limit ")) {
            return "load every key's rows in one query, keeping the per-key limit with row_number() over (partition "
                    + "by " + column + " order by ...) on " + all + keys + (postgres ? ", or a LATERAL join" : "");
        }
        String batched = sql.substring(0, key.start()) + all + sql.substring(key.end());
        return "load all rows in one query, " + batched + keys + ", or join it into the query that produced the keys";
    }
}
