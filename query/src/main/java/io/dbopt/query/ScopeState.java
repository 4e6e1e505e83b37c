package io.dbopt.query;

import io.dbopt.core.ErrorKind;
import io.dbopt.query.sql.StatementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one scope (a transaction or a named scope) has seen: per fingerprint how often it ran, whether its
 * parameters varied and from which call site, and, for named scopes, every statement. N+1 detection costs one
 * open-addressing lookup per statement; call sites are captured only on a fingerprint's second execution and when
 * its count reaches the threshold, so a scope without repetition never walks a stack. Confined to one thread.
 */
final class ScopeState {

    private static final int MAX_RECORDS = 10_000;

    private final String name;
    private final int threshold;
    private final CallSites callSites;
    private final boolean recordStatements;
    private Entry[] table = new Entry[16];
    private int size;
    private List<StatementRecord> records;
    private long droppedRecords;
    private final long[] kindCounts = new long[StatementKind.values().length];

    ScopeState(String name, int threshold, CallSites callSites, boolean recordStatements) {
        this.name = name;
        this.threshold = threshold;
        this.callSites = callSites;
        this.recordStatements = recordStatements;
    }

    String name() {
        return name;
    }

    /**
     * Records one completed statement (counts by kind and, for named scopes, the statement itself).
     *
     * @param batchSize the size of the batch it ran in, 0 when alone
     */
    void record(Shape shape, long nanos, long rows, ErrorKind error, int batchSize) {
        kindCounts[shape.facts.kind().ordinal()]++;
        if (recordStatements) {
            if (records == null) {
                records = new ArrayList<>();
            }
            if (records.size() < MAX_RECORDS) {
                records.add(new StatementRecord(shape.facts.fingerprint(), shape.facts.kind(), shape.facts.tables(),
                        Duration.ofNanos(nanos), rows, Optional.ofNullable(error), batchSize, shape.facts.bound(),
                        shape.facts.leadingWildcardLike()));
            } else {
                droppedRecords++;
            }
        }
    }

    /**
     * Counts one execution towards N+1 detection; called on the executing thread right after the driver returned,
     * so that a captured call site is where the statement ran (not where its rows were read). Batched statements
     * are not tracked.
     */
    void track(Shape shape, long parameterHash) {
        Entry e = entry(shape);
        int n = ++e.executions;
        if (n == 1) {
            e.firstHash = parameterHash;
            return;
        }
        if (parameterHash != e.firstHash) {
            e.varied = true;
        }
        if (e.confirmed != null) {
            return;
        }
        if (n == 2) {
            e.anchor = callSites.capture();
            e.nextCheck = Math.max(3, threshold);
        } else if (n == e.nextCheck) {
            CallSite now = callSites.capture();
            if (now.equals(e.anchor)) {
                e.confirmed = now;
            } else {
                e.anchor = now;
                e.nextCheck = n + Math.max(1, threshold - 1);
            }
        }
    }

    private Entry entry(Shape shape) {
        FingerprintStats key = shape.stats;
        int mask = table.length - 1;
        int i = mix(key.id) & mask;
        while (true) {
            Entry e = table[i];
            if (e == null) {
                break;
            }
            if (e.stats == key) {
                return e;
            }
            i = (i + 1) & mask;
        }
        Entry created = new Entry(shape);
        table[i] = created;
        if (++size * 2 > table.length) {
            grow();
        }
        return created;
    }

    private void grow() {
        Entry[] old = table;
        table = new Entry[old.length * 2];
        int mask = table.length - 1;
        for (Entry e : old) {
            if (e != null) {
                int i = mix(e.stats.id) & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = e;
            }
        }
    }

    private static int mix(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Fingerprints that ran at least {@code threshold} times from one confirmed call site. */
    List<Detection> detections() {
        List<Detection> found = new ArrayList<>();
        for (Entry e : table) {
            if (e != null && e.executions >= threshold && e.confirmed != null) {
                found.add(new Detection(e.shape, e.confirmed, e.executions, e.varied));
            }
        }
        return found;
    }

    List<StatementRecord> statements() {
        return records == null ? List.of() : List.copyOf(records);
    }

    long droppedRecords() {
        return droppedRecords;
    }

    long count(StatementKind kind) {
        return kindCounts[kind.ordinal()];
    }

    long total() {
        long t = 0;
        for (long c : kindCounts) {
            t += c;
        }
        return t;
    }

    boolean isEmpty() {
        return size == 0 && total() == 0;
    }

    /** Forgets everything, keeping the allocated table for the next transaction on the same connection. */
    void reset() {
        if (size > 0) {
            java.util.Arrays.fill(table, null);
            size = 0;
        }
        java.util.Arrays.fill(kindCounts, 0);
        records = null;
        droppedRecords = 0;
    }

    /**
     * A fingerprint repeated from one call site.
     *
     * @param shape what ran
     * @param callSite where from
     * @param executions how often in the scope
     * @param varied whether its parameters differed between executions (N+1) or not (repeated identical query)
     */
    record Detection(Shape shape, CallSite callSite, int executions, boolean varied) {
    }

    private static final class Entry {
        final FingerprintStats stats;
        final Shape shape;
        int executions;
        long firstHash;
        boolean varied;
        CallSite anchor;
        int nextCheck;
        CallSite confirmed;

        Entry(Shape shape) {
            this.shape = shape;
            this.stats = shape.stats;
        }
    }
}
