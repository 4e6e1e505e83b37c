package io.dbopt.health;

import io.dbopt.core.component.Health;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.health.check.ComponentHealth;
import io.dbopt.health.sample.CounterWindow;
import io.dbopt.health.sample.ServerCounters;
import io.dbopt.health.sample.SessionCounts;
import io.dbopt.health.series.SeriesStore;
import io.dbopt.health.series.TimeSeries;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The database's performance over time: after every check cycle it turns the server's cumulative counters into
 * rates over the interval (transactions, rows, deadlocks, temporary files), adds the cache hit ratio of the interval,
 * the sessions by state, slow statements, replication lag, the probe's latency and every attached component's
 * numbers ({@code pool.checked_out}, the profiler's percentiles, the query cache's hit rate, as those components
 * name them), and keeps each as a bounded time series ({@code health.history} samples) for the reports' charts.
 * Each series is also published as a gauge through core's metrics facade, so Prometheus or any Micrometer backend
 * keeps the long history.
 *
 * <p>Series names: {@code probe_latency} (seconds), {@code status} (0 UP, 1 DEGRADED, 2 DOWN), {@code tps},
 * {@code commits_per_second}, {@code rollbacks_per_second}, {@code cache_hit_ratio}, {@code rows_read_per_second},
 * {@code rows_inserted_per_second}, {@code rows_updated_per_second}, {@code rows_deleted_per_second},
 * {@code deadlocks_per_second}, {@code temp_bytes_per_second} (PostgreSQL), {@code tmp_disk_tables_per_second}
 * (MariaDB), {@code sessions_active}, {@code sessions_waiting}, {@code sessions_idle_in_transaction},
 * {@code slow_queries} (statements running past the long-query threshold now, plus those MariaDB's
 * {@code Slow_queries} and attached profilers' {@code slow_statements} counted since the previous cycle),
 * {@code replication_lag} (seconds) and {@code <component>.<value>} (plus
 * {@code <component>.saturated} and {@code <component>.busy_ratio} for a pool). Thread-safe.
 */
public final class PerformanceMonitor {

    /** Rates taken from the counters: series name, counter. */
    private static final Map<String, String> RATES = rates();

    /** The component value counting slow statements (dbopt's query profiler names it so). */
    static final String SLOW_STATEMENTS = "slow_statements";

    private final SeriesStore store;
    private final Map<String, Double> lastSlowStatements = new java.util.HashMap<>();

    PerformanceMonitor(int capacity, MetricsRecorder metrics) {
        this.store = new SeriesStore(capacity, (name, unit) -> publish(metrics, name, unit));
    }

    private static Map<String, String> rates() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("commits_per_second", ServerCounters.COMMITS);
        m.put("rollbacks_per_second", ServerCounters.ROLLBACKS);
        m.put("rows_read_per_second", ServerCounters.ROWS_READ);
        m.put("rows_inserted_per_second", ServerCounters.ROWS_INSERTED);
        m.put("rows_updated_per_second", ServerCounters.ROWS_UPDATED);
        m.put("rows_deleted_per_second", ServerCounters.ROWS_DELETED);
        m.put("deadlocks_per_second", ServerCounters.DEADLOCKS);
        m.put("temp_bytes_per_second", ServerCounters.TEMP_BYTES);
        m.put("tmp_disk_tables_per_second", ServerCounters.TMP_DISK_TABLES);
        return m;
    }

    private void publish(MetricsRecorder metrics, String name, String unit) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            metrics.gauge(HealthMeters.SERVER, "Newest value of the monitor's server time series", unit,
                    () -> store.latest(name), "series", name);
        } else {
            metrics.gauge(HealthMeters.COMPONENT, "Newest value of an attached component's number", unit,
                    () -> store.latest(name), "component", name.substring(0, dot), "value", name.substring(dot + 1));
        }
    }

    /** The names of every series recorded so far, sorted. */
    public List<String> seriesNames() {
        return store.names();
    }

    /** A copy of one series, oldest sample first. */
    public Optional<TimeSeries> series(String name) {
        return store.get(name);
    }

    /** Copies of every series, by name. */
    public Map<String, TimeSeries> allSeries() {
        Map<String, TimeSeries> all = new LinkedHashMap<>();
        for (String name : store.names()) {
            store.get(name).ifPresent(s -> all.put(name, s));
        }
        return all;
    }

    /** The newest value of a series, if it has one. */
    public OptionalDouble latest(String name) {
        double v = store.latest(name);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The number of samples each series keeps. */
    public int capacity() {
        return store.capacity();
    }

    /** Records what a cycle produced. */
    void record(Cycle cycle) {
        Instant at = cycle.at();
        store.add("status", "", at, cycle.health().status().ordinal());
        cycle.latency().ifPresent(l -> store.add("probe_latency", "seconds", at, l.toNanos() / 1e9));
        cycle.counters().ifPresent(w -> rates(at, w));
        long profiled = slowStatementsSinceLastCycle(cycle);
        cycle.sessions().ifPresent(s -> sessions(at, s, cycle.counters(), profiled));
        Health lag = cycle.health().components().get("replication-lag");
        if (lag != null && lag.details().get("lag_seconds") instanceof Number n) {
            store.add("replication_lag", "seconds", at, n.doubleValue());
        } else if (lag != null && Boolean.FALSE.equals(lag.details().get("replicating"))) {
            store.add("replication_lag", "seconds", at, 0);
        }
        cycle.componentValues().forEach((component, values) -> {
            values.forEach((value, number) -> store.add(component + "." + value, "", at, number.doubleValue()));
            ComponentHealth.poolLoad(values).ifPresent(load -> {
                store.add(component + ".saturated", "", at, load.saturated() ? 1 : 0);
                store.add(component + ".busy_ratio", "ratio", at, load.busyRatio());
            });
        });
    }

    private void rates(Instant at, CounterWindow w) {
        RATES.forEach((series, counter) -> w.ratePerSecond(counter)
                .ifPresent(r -> store.add(series, "per_second", at, r)));
        OptionalDouble commits = w.ratePerSecond(ServerCounters.COMMITS);
        OptionalDouble rollbacks = w.ratePerSecond(ServerCounters.ROLLBACKS);
        if (commits.isPresent() && rollbacks.isPresent()) {
            store.add("tps", "per_second", at, commits.getAsDouble() + rollbacks.getAsDouble());
        }
        long hit = w.increase(ServerCounters.BLOCKS_HIT).orElse(-1);
        long read = w.increase(ServerCounters.BLOCKS_READ).orElse(-1);
        if (hit >= 0 && read >= 0 && hit + read > 0) {
            store.add("cache_hit_ratio", "ratio", at, (double) hit / (hit + read));
        }
    }

    /** How many statements the attached profilers saw turn slow since the previous cycle. */
    private long slowStatementsSinceLastCycle(Cycle cycle) {
        long total = 0;
        for (Map.Entry<String, Map<String, Number>> e : cycle.componentValues().entrySet()) {
            Number now = e.getValue().get(SLOW_STATEMENTS);
            if (now == null) {
                continue;
            }
            Double before = lastSlowStatements.put(e.getKey(), now.doubleValue());
            if (before != null && now.doubleValue() >= before) {
                total += (long) (now.doubleValue() - before);
            }
        }
        return total;
    }

    private void sessions(Instant at, SessionCounts s, Optional<CounterWindow> w, long profiled) {
        store.add("sessions_active", "sessions", at, s.active());
        store.add("sessions_waiting", "sessions", at, s.waiting());
        store.add("sessions_idle_in_transaction", "sessions", at, s.idleInTransaction());
        long finishedSlow = w.flatMap(x -> {
            var inc = x.increase(ServerCounters.SLOW_QUERIES);
            return inc.isPresent() ? Optional.of(inc.getAsLong()) : Optional.empty();
        }).orElse(0L);
        store.add("slow_queries", "", at, s.slow() + finishedSlow + profiled);
    }
}
