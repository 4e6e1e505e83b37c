package io.dbopt.query.recording;

import io.dbopt.core.ErrorKind;
import io.dbopt.query.CallSite;
import io.dbopt.query.LoadTrigger;
import io.dbopt.query.NPlusOne;
import io.dbopt.query.RepeatedQuery;
import io.dbopt.query.StatementRecord;
import io.dbopt.query.orm.EntityMappings;
import io.dbopt.query.sql.SqlFacts;
import io.dbopt.query.sql.StatementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one scope (a transaction or a named scope) has seen: per fingerprint how often it ran, whether its
 * parameters varied and from which call site, and, for named scopes, every statement. N+1 detection costs one
 * open-addressing lookup per statement; call sites are captured only on a fingerprint's second execution and when
 * its count reaches the threshold, so a scope without repetition never walks a stack. Behind
 * {@link io.dbopt.query.ProfilerScope}; confined to the thread that opened it (reading it after it closed is safe
 * when the close happened before).
 */
public final class ScopeState {

    private static final int MAX_RECORDS = 10_000;
    /** The lowest threshold a profiler or an assertion may ask for. */
    static final int MIN_THRESHOLD = 3;
    /**
     * Transactions in a row that must confirm the same call site for a fingerprint's repeat before later transactions
     * take it as known; named scopes (tests) always walk the stack.
     */
    private static final int TRUSTED_STREAK = 4;
    /** One transaction in this many still walks the stack once a call site is trusted... */
    private static final int WALK_ONE_IN = 16;
    /** ...and at least one in this many however long the call site stayed the same. */
    private static final int MAX_WALK_ONE_IN = 256;

    private final String name;
    private final int threshold;
    private final CallSites callSites;
    private final boolean recordStatements;
    private Entry[] table = new Entry[16];
    private int size;
    /**
     * Entries of earlier transactions on this scope, reused by the next ones: a transaction's entries are forgotten
     * when it ends, and a new entry per fingerprint per transaction would be allocation on the statement path.
     */
    private Entry[] spare;
    private int spareCount;
    /** The entry found last, looked at before the table. */
    private Entry last;
    private List<StatementRecord> records;
    private long droppedRecords;
    private final long[] kindCounts = new long[StatementKind.values().length];
    private final Thread owner = Thread.currentThread();
    private boolean closed;
    /** Tables a transaction wrote, told to write listeners again after its commit. */
    private Set<String> deferredTables;
    private boolean deferredUnknown;

    ScopeState(String name, int threshold, CallSites callSites, boolean recordStatements) {
        this.name = name;
        this.threshold = threshold;
        this.callSites = callSites;
        this.recordStatements = recordStatements;
    }

    /** The scope's name ({@code "transaction"} for a transaction). */
    public String name() {
        return name;
    }

    /** Whether the scope has been closed (see {@link Recorder#closeScope}). */
    public boolean isClosed() {
        return closed;
    }

    Thread owner() {
        return owner;
    }

    /** Marks the scope closed; true the first time. */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
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
     * are not tracked. The call site is captured on a fingerprint's second execution and compared on its third (the
     * lowest threshold), and again after that only when they differed. In transactions (not named scopes), once
     * four transactions in a row confirmed the same call site for a fingerprint, 15 in 16 take it without walking
     * the stack, and fewer still walk as the streak grows (one in 32 after eight, up to one in 256 after twenty);
     * a walked transaction that finds the trusted site on the second execution confirms it without walking again on
     * the third. The cost of ORM stacks of 30 to 60 frames is then paid once in hundreds of transactions.
     *
     * @return the fingerprint's executions in this scope
     */
    int track(Shape shape, long parameterHash) {
        Entry e = entry(shape);
        int n = ++e.executions;
        if (shape.keys > e.keys) {
            e.keys = shape.keys;
        }
        if (n == 1) {
            e.firstHash = parameterHash;
            return n;
        }
        if (parameterHash != e.firstHash) {
            e.varied = true;
        }
        if (e.confirmed != null) {
            return n;
        }
        if (n == 2) {
            CallSites.Capture known = recordStatements ? null
                    : shape.stats.trustedSite(TRUSTED_STREAK, WALK_ONE_IN, MAX_WALK_ONE_IN);
            if (known != null) {
                return trust(e, known);
            }
            CallSites.Capture c = callSites.captureWithTrigger();
            if (!recordStatements && shape.stats.confirmsTrusted(c, TRUSTED_STREAK)) {
                return trust(e, c); // the trusted site again: no second walk on the third execution
            }
            e.anchor = c.site();
            e.trigger = c.trigger();
            e.nextCheck = MIN_THRESHOLD;
        } else if (n == e.nextCheck) {
            CallSites.Capture now = callSites.captureWithTrigger();
            if (now.site().equals(e.anchor)) {
                e.confirmed = now.site();
                shape.stats.confirmedSite(now);
                return n;
            }
            e.anchor = now.site();
            e.trigger = now.trigger();
            e.nextCheck = n + Math.max(1, threshold - 1);
        }
        return n;
    }

    /** Takes {@code site} as the confirmed call site of a repeat in a transaction. */
    private static int trust(Entry e, CallSites.Capture site) {
        e.anchor = site.site();
        e.trigger = site.trigger();
        e.confirmed = site.site();
        return e.executions;
    }

    private Entry entry(Shape shape) {
        FingerprintStats key = shape.stats;
        Entry recent = last;
        if (recent != null && recent.stats == key) {
            return recent; // an N+1 runs the same fingerprint back to back
        }
        Entry found = probe(shape, key);
        last = found;
        return found;
    }

    private Entry probe(Shape shape, FingerprintStats key) {
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
        Entry created = spareCount > 0 ? spare[--spareCount].reuse(shape) : new Entry(shape);
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

    /** Fingerprints that ran at least the scope's threshold times from one confirmed call site. */
    List<Detection> detections() {
        return detections(threshold);
    }

    /** Fingerprints that ran at least {@code min} times (3 or more) from one confirmed call site. */
    List<Detection> detections(int min) {
        List<Detection> found = null; // most transactions find nothing: no list for them
        for (Entry e : table) {
            if (e != null && e.executions >= min && e.confirmed != null) {
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.add(new Detection(e.shape, e.confirmed, e.executions, e.varied, e.trigger, e.keys));
            }
        }
        return found != null ? found : List.of();
    }

    int threshold() {
        return threshold;
    }

    /** The detection of {@code shape} when its executions just reached the threshold from a confirmed call site. */
    Detection reachedThreshold(Shape shape) {
        Entry e = entry(shape);
        if (e.executions == threshold && e.confirmed != null && e.varied) {
            return new Detection(e.shape, e.confirmed, e.executions, true, e.trigger, e.keys);
        }
        return null;
    }

    /** Fingerprints tracked. */
    int tracked() {
        return size;
    }

    /** The statements recorded so far in order (named scopes only), at most 10,000. */
    public List<StatementRecord> statements() {
        return records == null ? List.of() : List.copyOf(records);
    }

    long droppedRecords() {
        return droppedRecords;
    }

    /** How many statements of a kind completed, batched ones included. */
    public long count(StatementKind kind) {
        return kindCounts[kind.ordinal()];
    }

    /** The N+1 patterns seen so far, described for the server ({@code postgres} chooses the batched form). */
    public List<NPlusOne> nPlusOne(boolean postgres, EntityMappings mappings) {
        return nPlusOne(threshold, postgres, mappings);
    }

    /** The N+1 patterns of at least {@code min} executions (3 or more) seen so far. */
    public List<NPlusOne> nPlusOne(int min, boolean postgres, EntityMappings mappings) {
        return detections(Math.max(MIN_THRESHOLD, min)).stream().filter(Detection::varied)
                .map(d -> Patterns.nPlusOne(d, name, 1, postgres, mappings)).toList();
    }

    /** The statements repeated with identical parameters from one call site at least the threshold number of times. */
    public List<RepeatedQuery> repeatedQueries() {
        return detections().stream().filter(d -> !d.varied()).map(d -> Patterns.repeated(d, name, 1)).toList();
    }

    /** How many statements completed in all. */
    public long total() {
        long t = 0;
        for (long c : kindCounts) {
            t += c;
        }
        return t;
    }

    boolean isEmpty() {
        return size == 0 && total() == 0 && !hasDeferredWrites();
    }

    /** Whether its table is small enough to keep for reuse by a later connection (64 fingerprints at most). */
    boolean isSmall() {
        return table.length <= 128;
    }

    /** Forgets everything, keeping the allocated table for the next transaction on the same connection. */
    void reset() {
        if (size > 0) {
            keepSpare();
            Arrays.fill(table, null);
            size = 0;
        }
        last = null;
        Arrays.fill(kindCounts, 0);
        records = null;
        droppedRecords = 0;
        deferredTables = null;
        deferredUnknown = false;
    }

    /** Keeps the table's entries for the next transaction, as many as the table holds at most. */
    private void keepSpare() {
        if (spare == null || spare.length < table.length) {
            spare = spare == null ? new Entry[table.length] : Arrays.copyOf(spare, table.length);
        }
        for (Entry e : table) {
            if (e != null && spareCount < spare.length) {
                spare[spareCount++] = e;
            }
        }
    }

    /** Remembers a write made inside this transaction, to tell write listeners again after the commit. */
    void deferWrite(SqlFacts facts) {
        if (deferredTables == null) {
            deferredTables = new HashSet<>();
        }
        deferredTables.addAll(facts.tablesWritten());
        deferredUnknown |= facts.writesUnknownTables();
    }

    boolean hasDeferredWrites() {
        return deferredTables != null || deferredUnknown;
    }

    Set<String> deferredTables() {
        return deferredTables == null ? Set.of() : Set.copyOf(deferredTables);
    }

    boolean deferredUnknown() {
        return deferredUnknown;
    }

    /**
     * A fingerprint repeated from one call site.
     *
     * @param shape what ran
     * @param callSite where from
     * @param executions how often in the scope
     * @param varied whether its parameters differed between executions (N+1) or not (repeated identical query)
     * @param trigger what made it run, as the frames between the call site and the JDBC call showed
     * @param keys the most keys one execution bound in an IN list, 0 when unknown
     */
    record Detection(Shape shape, CallSite callSite, int executions, boolean varied, LoadTrigger trigger, int keys) {

        /** Whether each execution already took many keys: k round trips of about n keys. */
        boolean batched() {
            return trigger == LoadTrigger.BATCH_LOADER || shape.multiKey;
        }
    }

    private static final class Entry {
        FingerprintStats stats;
        Shape shape;
        int executions;
        long firstHash;
        boolean varied;
        CallSite anchor;
        int nextCheck;
        CallSite confirmed;
        LoadTrigger trigger;
        int keys;

        Entry(Shape shape) {
            reuse(shape);
        }

        /** Makes this entry a new one for {@code shape}. */
        Entry reuse(Shape value) {
            shape = value;
            stats = value.stats;
            executions = 0;
            firstHash = 0;
            varied = false;
            anchor = null;
            nextCheck = 0;
            confirmed = null;
            trigger = LoadTrigger.APPLICATION;
            keys = 0;
            return this;
        }
    }
}
