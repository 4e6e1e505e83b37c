package io.dbopt.transaction.monitor;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.transaction.TransactionStats;
import io.dbopt.transaction.server.ServerSupport;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts outcomes for {@link TransactionStats} and records them through a {@link MetricsRecorder}: meter names live
 * here, tags are {@code name}, {@code tenant}, {@code kind} and {@code outcome}. Transaction names and tenants are
 * user data of unknown cardinality, so each keeps its own value for the first {@code limit} distinct values seen and
 * becomes {@code other} after that. Thread-safe.
 */
public final class TransactionMeters {

    public static final String COMMITS = "dbopt.transaction.commits";
    public static final String ROLLBACKS = "dbopt.transaction.rollbacks";
    public static final String RETRIES = "dbopt.transaction.retries";
    public static final String FAILURES = "dbopt.transaction.failures";
    public static final String DURATION = "dbopt.transaction.duration";
    public static final String OPEN = "dbopt.transaction.open";
    public static final String RESOLVED = "dbopt.transaction.commit.resolved";
    public static final String EXHAUSTED = "dbopt.transaction.retries.exhausted";
    public static final String UNKNOWN = "dbopt.transaction.commit.unknown";
    public static final String DEADLOCKS = "dbopt.transaction.deadlocks";
    static final String OTHER = "other";
    static final String NONE = "none";

    private final MetricsRecorder recorder;
    private final BoundedValues names;
    private final BoundedValues tenants;
    private final Map<String, MetricsRecorder.Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, MetricsRecorder.Timer> timers = new ConcurrentHashMap<>();

    private final LongAdder commits = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();
    private final LongAdder exhausted = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder resolved = new LongAdder();
    private final LongAdder deadlocks = new LongAdder();
    private final Map<ErrorKind, LongAdder> retries = new EnumMap<>(ErrorKind.class);
    private final Map<ErrorKind, LongAdder> failures = new EnumMap<>(ErrorKind.class);
    private volatile boolean unreachable;

    /** Registers the gauge and function counters; {@code openCount} is read on every scrape. */
    public TransactionMeters(MetricsRecorder recorder, int nameLimit, int tenantLimit, Supplier<Number> openCount) {
        this.recorder = recorder;
        this.names = new BoundedValues(nameLimit);
        this.tenants = new BoundedValues(tenantLimit);
        for (ErrorKind kind : ErrorKind.values()) {
            retries.put(kind, new LongAdder());
            failures.put(kind, new LongAdder());
        }
        recorder.gauge(OPEN, "Transactions open in this process", "transactions", openCount);
        recorder.functionCounter(EXHAUSTED, "Transactions that failed after every attempt the retry policy allowed",
                "transactions", exhausted::sum);
        recorder.functionCounter(UNKNOWN, "Transactions whose COMMIT was cut off with the outcome unknown",
                "transactions", unknown::sum);
        recorder.functionCounter(DEADLOCKS, "Attempts chosen as deadlock victims", "transactions", deadlocks::sum);
    }

    /** A transaction committed after {@code nanos} from its first attempt's start. */
    public void committed(String name, Optional<String> tenant, long nanos) {
        commits.increment();
        unreachable = false;
        counter(COMMITS, "Transactions committed", name, tenant, null).increment();
        timer(name, tenant, "commit").recordNanos(nanos);
    }

    /** A cut-off COMMIT whose outcome the server told afterwards (committed or rolled back). */
    public void resolved(String name, Optional<String> tenant) {
        resolved.increment();
        counter(RESOLVED, "Cut-off COMMITs whose outcome the server told afterwards", name, tenant, null).increment();
    }

    /** An attempt was rolled back. */
    public void rolledBack(String name, Optional<String> tenant) {
        rollbacks.increment();
        counter(ROLLBACKS, "Transaction attempts rolled back", name, tenant, null).increment();
    }

    /** An attempt was a deadlock victim (retried or not). */
    public void deadlockVictim() {
        deadlocks.increment();
    }

    /** An attempt is run again after an error of this kind. */
    public void retried(String name, Optional<String> tenant, ErrorKind kind) {
        retries.get(kind).increment();
        counter(RETRIES, "Transactions retried, by error kind", name, tenant, kind).increment();
    }

    /** A transaction ended in an error after {@code nanos}, with its retries exhausted or its outcome unknown. */
    public void failed(String name, Optional<String> tenant, ErrorKind kind, long nanos, boolean retriesExhausted,
                boolean outcomeUnknown) {
        failures.get(kind).increment();
        if (retriesExhausted) {
            exhausted.increment();
        }
        if (outcomeUnknown) {
            unknown.increment();
        }
        counter(FAILURES, "Transactions that ended in an error, by error kind", name, tenant, kind).increment();
        timer(name, tenant, outcomeUnknown ? "unknown" : "failure").recordNanos(nanos);
    }

    /** Whether the last transaction that ended failed to get a connection; cleared by the next commit. */
    public boolean unreachable() {
        return unreachable;
    }

    /** Records whether an ending transaction could get a connection at all. */
    public void reachable(boolean value) {
        unreachable = !value;
    }

    /** The counts now. */
    public TransactionStats snapshot() {
        return new TransactionStats(commits.sum(), rollbacks.sum(), nonZero(retries), nonZero(failures),
                exhausted.sum(), unknown.sum(), resolved.sum());
    }

    /** Removes the meters, closing the recorder. */
    public void close() {
        recorder.close();
    }

    private static Map<ErrorKind, Long> nonZero(Map<ErrorKind, LongAdder> adders) {
        Map<ErrorKind, Long> result = new EnumMap<>(ErrorKind.class);
        adders.forEach((kind, adder) -> {
            long sum = adder.sum();
            if (sum > 0) {
                result.put(kind, sum);
            }
        });
        return result;
    }

    private MetricsRecorder.Counter counter(String meter, String description, String name, Optional<String> tenant,
                                            ErrorKind kind) {
        String nameTag = names.tag(name);
        String tenantTag = tenant.map(tenants::tag).orElse(NONE);
        String kindTag = kind == null ? null : kind.name().toLowerCase(Locale.ROOT);
        String key = meter + '\u0000' + nameTag + '\u0000' + tenantTag + '\u0000' + kindTag;
        return counters.computeIfAbsent(key, k -> kindTag == null
                ? recorder.counter(meter, description, "name", nameTag, "tenant", tenantTag)
                : recorder.counter(meter, description, "name", nameTag, "tenant", tenantTag, "kind", kindTag));
    }

    private MetricsRecorder.Timer timer(String name, Optional<String> tenant, String outcome) {
        String nameTag = names.tag(name);
        String tenantTag = tenant.map(tenants::tag).orElse(NONE);
        String key = nameTag + '\u0000' + tenantTag + '\u0000' + outcome;
        return timers.computeIfAbsent(key, k -> recorder.timer(DURATION, "Transaction duration from the first "
                + "attempt's start to commit or final failure", "name", nameTag, "tenant", tenantTag,
                "outcome", outcome));
    }

    /** Keeps the first {@code limit} distinct values; later ones map to {@value #OTHER}. */
    static final class BoundedValues {
        private final int limit;
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

        BoundedValues(int limit) {
            this.limit = limit;
        }

        String tag(String value) {
            if (seen.containsKey(value)) {
                return value;
            }
            synchronized (this) {
                if (seen.size() < limit) {
                    seen.put(value, Boolean.TRUE);
                    return value;
                }
            }
            return seen.containsKey(value) ? value : OTHER;
        }
    }
}
