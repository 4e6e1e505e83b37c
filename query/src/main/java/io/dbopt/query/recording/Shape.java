package io.dbopt.query.recording;

import io.dbopt.query.sql.SqlFacts;

/**
 * What the profiler resolved for one SQL text: its facts and the statistics it records into. The JDBC wrappers hold
 * one per prepared statement and hand it back with each execution. Immutable; when its statistics are evicted from
 * the capped map it goes {@link #isStale() stale} and {@link Recorder#shape(String)} builds a new one.
 */
public final class Shape {

    final SqlFacts facts;
    final FingerprintStats stats;
    final boolean write;
    /** Whether the statement takes many keys at once ({@code = any(?)}, an IN list of parameters). */
    final boolean multiKey;
    /** The parameters of this text's IN list, 0 when none (or an array). */
    final int keys;

    Shape(SqlFacts facts, FingerprintStats stats) {
        this(facts, stats, 0);
    }

    Shape(SqlFacts facts, FingerprintStats stats, int keys) {
        this.facts = facts;
        this.stats = stats;
        this.write = facts.isWrite();
        String f = facts.fingerprint();
        this.multiKey = f.contains(" = any(?)") || f.contains(" = any (?)") || keys > 1;
        this.keys = keys;
    }

    /** This shape for a text whose IN list has {@code count} parameters. */
    Shape withKeys(int count) {
        return count == keys ? this : new Shape(facts, stats, count);
    }

    /** The parameters of the first IN list of parameters in a SQL text (outside string literals), 0 when none. */
    static int inListKeys(String sql) {
        int n = sql.length();
        boolean quoted = false;
        for (int i = 0; i < n; i++) {
            char open = sql.charAt(i);
            if (open == '\'') {
                quoted = !quoted;
            }
            if (open != '(' || quoted) {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && Character.isWhitespace(sql.charAt(j))) {
                j--;
            }
            if (j < 1 || !sql.regionMatches(true, j - 1, "in", 0, 2)) {
                continue;
            }
            int count = 0;
            int k = i + 1;
            boolean expectParameter = true;
            for (; k < n; k++) {
                char c = sql.charAt(k);
                if (Character.isWhitespace(c)) {
                    continue;
                }
                if (expectParameter && c == '?') {
                    count++;
                    expectParameter = false;
                } else if (!expectParameter && c == ',') {
                    expectParameter = true;
                } else {
                    break;
                }
            }
            if (k < n && sql.charAt(k) == ')' && count > 1) {
                return count;
            }
        }
        return 0;
    }

    /** What the statement is: fingerprint, kind, tables. */
    public SqlFacts facts() {
        return facts;
    }

    /** Whether its statistics left the capped map, so that the holder should look the SQL up again. */
    public boolean isStale() {
        return stats.isEvicted();
    }
}
