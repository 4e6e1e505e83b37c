package io.dbopt.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements an application runs, with their frequency and time: what index recommendations are made for.
 *
 * <p>Build one from SQL you know ({@link #of(String...)}, {@link #builder()}), read it from the server's statement
 * statistics ({@link IndexManager#captureWorkload()}: {@code pg_stat_statements} or MariaDB's
 * {@code performance_schema} digests), or take it from any {@link WorkloadSource} such as a query profiler.
 * Entries with the same SQL text are merged. Immutable.
 *
 * @param entries the statements
 */
public record Workload(List<WorkloadEntry> entries) {

    /** Copies the entries. */
    public Workload {
        entries = List.copyOf(entries);
    }

    /** A workload of statements run once each. */
    public static Workload of(String... sql) {
        Builder b = builder();
        for (String s : sql) {
            b.add(s);
        }
        return b.build();
    }

    /** The empty workload. */
    public static Workload empty() {
        return new Workload(List.of());
    }

    /** Starts a workload. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether there is no statement. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The statements of this workload and then of {@code other}, same texts merged. */
    public Workload plus(Workload other) {
        Builder b = builder();
        entries.forEach(b::add);
        other.entries.forEach(b::add);
        return b.build();
    }

    /** The sum of all calls. */
    public long totalCalls() {
        return entries.stream().mapToLong(WorkloadEntry::calls).sum();
    }

    /** Builds a {@link Workload}; same SQL texts are merged (calls and times added). Not thread-safe. */
    public static final class Builder {
        private final Map<String, WorkloadEntry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a statement run once. */
        public Builder add(String sql) {
            return add(WorkloadEntry.of(sql));
        }

        /** Adds a statement with its calls and total time. */
        public Builder add(String sql, long calls, Duration totalTime) {
            return add(new WorkloadEntry(sql, calls, totalTime));
        }

        /** Adds an entry. */
        public Builder add(WorkloadEntry entry) {
            String key = entry.sql().strip();
            entries.merge(key, new WorkloadEntry(key, entry.calls(), entry.totalTime()),
                    (a, b) -> new WorkloadEntry(key, a.calls() + b.calls(), a.totalTime().plus(b.totalTime())));
            return this;
        }

        /** Builds the workload. */
        public Workload build() {
            return new Workload(new ArrayList<>(entries.values()));
        }
    }
}
