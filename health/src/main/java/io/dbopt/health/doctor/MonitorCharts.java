package io.dbopt.health.doctor;

import io.dbopt.core.finding.Chart;
import io.dbopt.health.PerformanceMonitor;
import io.dbopt.health.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The health section's charts, drawn from the time series of a monitor that ran before the doctor (the CLI's demo
 * runs one beside its workload): each attached pool's usage, then transactions, rows, sessions, the cache hit ratio
 * and the probe's latency. Series with fewer than two samples are left out. Stateless.
 */
final class MonitorCharts {

    /** The pool values drawn, in order, when the component reports them. */
    private static final List<String> POOL_VALUES = List.of("checked_out", "size", "pending");

    private MonitorCharts() {
    }

    static List<Chart> of(PerformanceMonitor performance) {
        Map<String, TimeSeries> all = performance.allSeries();
        List<Chart> charts = new ArrayList<>();
        TreeSet<String> pools = new TreeSet<>();
        all.keySet().stream().filter(n -> n.endsWith(".checked_out"))
                .forEach(n -> pools.add(n.substring(0, n.length() - ".checked_out".length())));
        for (String pool : pools) {
            List<Chart.Line> lines = new ArrayList<>();
            POOL_VALUES.forEach(v -> line(all, pool + "." + v, v).ifPresent(lines::add));
            charts.add(Chart.lines("Connection pool usage over the run" + (pool.equals("pool") ? "" : " (" + pool
                    + ")"), "Connections of the pool checked "
                    + "out, open (size) and threads waiting (pending), " + sampled(all.get(pool + ".checked_out"))
                    + ".", Chart.Unit.COUNT, lines));
        }
        charts.add(lines(all, "Transactions", Chart.Unit.PER_SECOND, "tps", "commits_per_second",
                "rollbacks_per_second"));
        charts.add(lines(all, "Rows", Chart.Unit.PER_SECOND, "rows_read_per_second", "rows_inserted_per_second",
                "rows_updated_per_second", "rows_deleted_per_second"));
        charts.add(lines(all, "Sessions", Chart.Unit.COUNT, "sessions_active", "sessions_waiting",
                "sessions_idle_in_transaction"));
        charts.add(lines(all, "Cache hit ratio", Chart.Unit.RATIO, "cache_hit_ratio"));
        charts.add(lines(all, "Probe latency", Chart.Unit.SECONDS, "probe_latency"));
        return charts.stream().filter(c -> !c.isEmpty()).toList();
    }

    private static Chart lines(Map<String, TimeSeries> all, String title, Chart.Unit unit, String... names) {
        List<Chart.Line> lines = new ArrayList<>();
        TimeSeries first = null;
        for (String name : names) {
            var line = line(all, name, name);
            if (line.isPresent()) {
                lines.add(line.get());
                first = first == null ? all.get(name) : first;
            }
        }
        return Chart.lines(title + " over the run", "The health monitor's " + String.join(", ", names) + ", "
                + sampled(first) + ".", unit, lines);
    }

    private static java.util.Optional<Chart.Line> line(Map<String, TimeSeries> all, String series, String name) {
        TimeSeries s = all.get(series);
        if (s == null || s.points().size() < 2) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Chart.Line(name, s.points().stream()
                .map(p -> new Chart.Sample(p.at(), p.value())).toList()));
    }

    private static String sampled(TimeSeries s) {
        if (s == null || s.points().isEmpty()) {
            return "no samples";
        }
        return s.points().size() + " samples taken by the health monitor from " + s.points().get(0).at() + " to "
                + s.points().get(s.points().size() - 1).at();
    }
}
