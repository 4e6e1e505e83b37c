package io.dbopt.query.recording;

import io.dbopt.core.metrics.LatencyHistogram;
import io.dbopt.query.ExplainSample;
import io.dbopt.query.KindTotals;
import io.dbopt.query.NPlusOne;
import io.dbopt.query.QueryStats;
import io.dbopt.query.RepeatedQuery;
import io.dbopt.query.sql.SqlAnalyzer;
import io.dbopt.query.sql.StatementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Recorder} has recorded, as the profiler's API shows it: per-fingerprint statistics, totals per
 * statement kind, N+1 and repeated-query patterns, the slow count and the samples kept for EXPLAIN. Reads walk the
 * fingerprints held (at most the profiler's {@code maxFingerprints}) and never block recording. Thread-safe.
 */
public final class Recordings {

    private final ShapeRegistry registry;
    private final Patterns patterns;
    private final SlowQueryLog slowLog;

    Recordings(ShapeRegistry registry, Patterns patterns, SlowQueryLog slowLog) {
        this.registry = registry;
        this.patterns = patterns;
        this.slowLog = slowLog;
    }

    /** Whether the server is PostgreSQL, as the first connection showed (PostgreSQL until one did). */
    public boolean isPostgres() {
        return registry.isPostgres();
    }

    /** The analyzer for the server's lexical rules. */
    public SqlAnalyzer analyzer() {
        return registry.analyzer();
    }

    /** Every fingerprint that ran, most total time first. */
    public List<QueryStats> queries() {
        List<QueryStats> all = new ArrayList<>();
        registry.all().forEach(s -> {
            QueryStats q = s.snapshot();
            if (q.executions() > 0) {
                all.add(q);
            }
        });
        all.sort(Comparator.comparing(QueryStats::total).reversed().thenComparing(QueryStats::fingerprint));
        return all;
    }

    /** The {@code limit} fingerprints with the most total time. */
    public List<QueryStats> topQueries(int limit) {
        return heaviest().stream().map(FingerprintStats::snapshot).filter(q -> q.executions() > 0).limit(limit)
                .toList();
    }

    /** The statistics of one fingerprint, if it ran. */
    public Optional<QueryStats> query(String fingerprint) {
        return registry.all().stream().filter(s -> s.facts.fingerprint().equals(fingerprint)).findFirst()
                .map(FingerprintStats::snapshot).filter(q -> q.executions() > 0);
    }

    /** The kept samples of the {@code limit} fingerprints with the most total time that have one. */
    public List<ExplainSample> explainSamples(int limit) {
        List<ExplainSample> samples = new ArrayList<>();
        for (FingerprintStats stats : heaviest()) {
            if (samples.size() >= limit) {
                break;
            }
            stats.slowestSample().ifPresent(samples::add);
        }
        return samples;
    }

    private List<FingerprintStats> heaviest() {
        List<FingerprintStats> all = registry.all();
        all.sort(Comparator.comparingLong(FingerprintStats::totalNanos).reversed());
        return all;
    }

    /** Every N+1 pattern reported by closed scopes and finished transactions, most executions first. */
    public List<NPlusOne> nPlusOne() {
        return patterns.nPlusOne(registry.isPostgres());
    }

    /** How many N+1 patterns are held, without describing them. */
    public int nPlusOneCount() {
        return patterns.nPlusOneCount();
    }

    /** Every statement repeated with identical parameters in closed scopes and finished transactions. */
    public List<RepeatedQuery> repeatedQueries() {
        return patterns.repeated();
    }

    /** How many statements were at least as slow as the slow threshold. */
    public long slowCount() {
        return slowLog.count();
    }

    /** Totals per statement kind over every fingerprint ever recorded, evicted ones included; every kind present. */
    public Map<StatementKind, KindTotals> totalsByKind() {
        long[][] t = registry.totalsByKind();
        Map<StatementKind, KindTotals> totals = new EnumMap<>(StatementKind.class);
        for (StatementKind kind : StatementKind.values()) {
            int k = kind.ordinal();
            totals.put(kind, new KindTotals(t[0][k], Duration.ofNanos(t[1][k]), t[2][k]));
        }
        return totals;
    }

    /** Statements recorded in all, evicted fingerprints included. */
    public long statementCount() {
        long total = 0;
        for (long c : registry.totalsByKind()[0]) {
            total += c;
        }
        return total;
    }

    /** Statements that failed, evicted fingerprints included. */
    public long errorCount() {
        long total = 0;
        for (long c : registry.totalsByKind()[2]) {
            total += c;
        }
        return total;
    }

    /** The durations of every statement of the fingerprints held now, as one distribution. */
    public LatencyHistogram.Snapshot latency() {
        List<LatencyHistogram> histograms = new ArrayList<>();
        registry.all().forEach(s -> histograms.add(s.latency()));
        return LatencyHistogram.sum(histograms);
    }

    /** How many fingerprints are held. */
    public int fingerprintCount() {
        return registry.size();
    }

    /** How many fingerprints were evicted because the map was full. */
    public long evictedFingerprints() {
        return registry.evictedFingerprints();
    }

    /** Forgets every fingerprint and pattern; open scopes keep recording. */
    public void reset() {
        registry.clear();
        patterns.clear();
    }
}
