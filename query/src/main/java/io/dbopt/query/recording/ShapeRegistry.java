package io.dbopt.query.recording;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dbopt.query.sql.SqlAnalyzer;
import io.dbopt.query.sql.SqlFacts;
import io.dbopt.query.sql.StatementKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Resolves SQL text to a {@link Shape} with five levels: a direct-mapped array keyed by the text's length that
 * answers only the same {@code String} instance (a constant), one keyed by a hash of a dozen of the text's
 * characters and its length (a few nanoseconds whatever the length, then one comparison of the whole text; no
 * locking, racy by design: entries are immutable), a third one keyed by the text's full hash (which an ORM that
 * renders its SQL anew for each statement pays in full each time), then a Caffeine map keyed by the token
 * fingerprint (about a microsecond to compute), then a full JSqlParser analysis (tens of microseconds, once per
 * fingerprint). Statistics live in a second Caffeine map capped at {@code maxFingerprints}; evicted statistics are
 * flagged so that stale shapes are rebuilt. Thread-safe.
 */
final class ShapeRegistry {

    private static final int FRONT_SIZE = 4096;
    private static final int NEAR_SIZE = 1024;
    private static final int SAME_SIZE = 256;
    /** Characters of a SQL text read by {@link #sampledHash}: 12, or fewer for a text shorter than that. */
    private static final int SAMPLED_CHARS = 12;

    /**
     * The first level, by the text's length, answering only the very {@code String} instance it holds (a text kept
     * in a constant); a miss goes on to {@link #nearFront}.
     */
    private final FrontEntry[] sameInstance = new FrontEntry[SAME_SIZE];
    /** The second level, by a hash of a few of the text's characters; a miss goes on to {@link #front}. */
    private final FrontEntry[] nearFront = new FrontEntry[NEAR_SIZE];
    private final FrontEntry[] front = new FrontEntry[FRONT_SIZE];
    private final Cache<String, Shape> byTokens;
    private final Cache<String, FingerprintStats> byFingerprint;
    private final LongAdder evictedFingerprints = new LongAdder();
    /** Totals of statistics that left the map, per statement kind, so that totals over all never decrease. */
    private final LongAdder[] retiredExecutions = adders();
    private final LongAdder[] retiredNanos = adders();
    private final LongAdder[] retiredErrors = adders();
    private volatile SqlAnalyzer analyzer = SqlAnalyzer.postgres();
    private volatile boolean postgres = true;

    ShapeRegistry(int maxFingerprints) {
        this.byFingerprint = Caffeine.newBuilder().maximumSize(maxFingerprints)
                .<String, FingerprintStats>evictionListener((key, stats, cause) -> {
                    if (stats != null) {
                        evictedFingerprints.increment();
                        retire(stats);
                    }
                }).executor(Runnable::run).build();
        this.byTokens = Caffeine.newBuilder().maximumSize(maxFingerprints * 4L).executor(Runnable::run).build();
    }

    /** Reads SQL with the server's lexical rules; called once, when the first connection shows the server. */
    void useServer(boolean mariaDb) {
        postgres = !mariaDb;
        SqlAnalyzer value = mariaDb ? SqlAnalyzer.mariaDb() : SqlAnalyzer.postgres();
        if (value != analyzer) {
            analyzer = value;
            clear();
        }
    }

    /** Whether the server is PostgreSQL (the default until a connection showed otherwise). */
    boolean isPostgres() {
        return postgres;
    }

    SqlAnalyzer analyzer() {
        return analyzer;
    }

    Shape shape(String sql) {
        int length = sql.length() & (SAME_SIZE - 1);
        FrontEntry same = sameInstance[length];
        if (same != null && same.sql == sql && !same.shape.stats.isEvicted()) {
            return same.shape; // a constant text: the very instance seen before, no hash at all
        }
        FrontEntry entry = near(sql);
        if (entry.sql == sql) {
            sameInstance[length] = entry; // written for texts kept as one instance, never for texts rendered anew
        }
        return entry.shape;
    }

    private FrontEntry near(String sql) {
        int near = sampledHash(sql) & (NEAR_SIZE - 1);
        FrontEntry entry = nearFront[near];
        if (entry != null && entry.sql.equals(sql) && !entry.shape.stats.isEvicted()) {
            return entry;
        }
        int slot = sql.hashCode() & (FRONT_SIZE - 1);
        entry = front[slot];
        if (entry == null || !entry.sql.equals(sql) || entry.shape.stats.isEvicted()) {
            entry = new FrontEntry(sql, resolve(sql).withKeys(Shape.inListKeys(sql)));
            front[slot] = entry;
        }
        nearFront[near] = entry;
        return entry;
    }

    /**
     * A hash of a SQL text's length and {@link #SAMPLED_CHARS} of its characters spread from its end to its start: a
     * fixed cost whatever the length, where {@code String.hashCode} reads every character of a text an ORM renders
     * anew for each statement (its hash is then never cached). Texts that share it only share a slot of the near
     * front, which compares the whole text.
     */
    static int sampledHash(String sql) {
        int n = sql.length();
        int h = n;
        int step = n / SAMPLED_CHARS + 1;
        for (int i = n - 1; i >= 0; i -= step) {
            h = 31 * h + sql.charAt(i);
        }
        return h ^ (h >>> 16);
    }

    private Shape resolve(String sql) {
        SqlAnalyzer a = analyzer;
        String tokens = a.fingerprint(sql);
        Shape shape = byTokens.getIfPresent(tokens);
        if (shape == null || shape.stats.isEvicted()) {
            SqlFacts facts = shape != null ? shape.facts : a.analyze(sql);
            shape = new Shape(facts, byFingerprint.get(facts.fingerprint(), k -> new FingerprintStats(facts)));
            byTokens.put(tokens, shape);
        }
        return shape;
    }

    List<FingerprintStats> all() {
        return new ArrayList<>(byFingerprint.asMap().values());
    }

    long evictedFingerprints() {
        return evictedFingerprints.sum();
    }

    private void retire(FingerprintStats stats) {
        stats.evicted();
        int k = stats.facts.kind().ordinal();
        retiredExecutions[k].add(stats.executions());
        retiredNanos[k].add(stats.totalNanos());
        retiredErrors[k].add(stats.errors());
    }

    /** Executions, nanoseconds and errors per statement kind over all fingerprints ever recorded. */
    long[][] totalsByKind() {
        int kinds = StatementKind.values().length;
        long[][] totals = new long[3][kinds];
        for (int k = 0; k < kinds; k++) {
            totals[0][k] = retiredExecutions[k].sum();
            totals[1][k] = retiredNanos[k].sum();
            totals[2][k] = retiredErrors[k].sum();
        }
        for (FingerprintStats stats : byFingerprint.asMap().values()) {
            int k = stats.facts.kind().ordinal();
            totals[0][k] += stats.executions();
            totals[1][k] += stats.totalNanos();
            totals[2][k] += stats.errors();
        }
        return totals;
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[StatementKind.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    int size() {
        return (int) byFingerprint.estimatedSize();
    }

    void clear() {
        byFingerprint.asMap().values().forEach(this::retire);
        byFingerprint.invalidateAll();
        byTokens.invalidateAll();
        Arrays.fill(sameInstance, null);
        Arrays.fill(nearFront, null);
        Arrays.fill(front, null);
    }

    private static final class FrontEntry {
        final String sql;
        final Shape shape;

        FrontEntry(String sql, Shape shape) {
            this.sql = sql;
            this.shape = shape;
        }
    }
}
