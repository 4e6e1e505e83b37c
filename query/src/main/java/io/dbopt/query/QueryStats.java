package io.dbopt.query;

import io.dbopt.query.sql.StatementKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot of what the profiler recorded for one fingerprint since it was first seen (or since
 * {@link QueryProfiler#reset()}). Percentiles come from a log-linear histogram and are within 12.5 % of the true
 * value. Never contains bind values.
 *
 * @param fingerprint the normalised statement text
 * @param kind what the statement does
 * @param tables the tables it names (lower-case keys, see {@link io.dbopt.query.sql.SqlFacts#tableKey})
 * @param executions how many times it ran, statements inside batches included
 * @param errors how many of those failed
 * @param batched how many ran inside a JDBC batch
 * @param total the summed duration
 * @param mean the mean duration
 * @param p50 the median duration
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the longest duration
 * @param rows rows returned (queries, counted as the application reads them) or affected (writes), summed
 * @param callSites sampled call sites, most frequent first
 */
public record QueryStats(String fingerprint, StatementKind kind, Set<String> tables, long executions, long errors,
                         long batched, Duration total, Duration mean, Duration p50, Duration p95, Duration p99,
                         Duration max, long rows, List<CallSite> callSites) {

    /** Validates and copies. */
    public QueryStats {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        tables = Set.copyOf(tables);
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
        callSites = List.copyOf(callSites);
    }

    /** Mean rows per execution, 0 when it never ran. */
    public double meanRows() {
        return executions == 0 ? 0 : (double) rows / executions;
    }
}
