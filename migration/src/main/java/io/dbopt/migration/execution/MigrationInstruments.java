package io.dbopt.migration.execution;

import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.metrics.MetricsRecorder;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import io.dbopt.migration.MigrationMeters;
import io.dbopt.migration.MigrationMetrics;

/**
 * The meters of one {@link io.dbopt.migration.MigrationFramework} ({@link MigrationMeters}), obtained when it is built (per set for the
 * set-tagged ones), and the counts behind its {@link MigrationMetrics} snapshot. Thread-safe.
 */
public final class MigrationInstruments {

    private final MetricsRecorder recorder;
    private final Map<String, MetricsRecorder.Counter> byName = new ConcurrentHashMap<>();
    private final MetricsRecorder.Timer appliedDuration;
    private final MetricsRecorder.Timer failedDuration;
    private final Map<Severity, MetricsRecorder.Counter> lint = new EnumMap<>(Severity.class);
    private final Map<HealthStatus, MetricsRecorder.Counter> health = new EnumMap<>(HealthStatus.class);

    private final LongAdder applied = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder notRestored = new LongAdder();
    private final LongAdder rolledBack = new LongAdder();
    private final LongAdder migrationNanos = new LongAdder();
    private final LongAdder lintFindings = new LongAdder();
    private final LongAdder healthChecks = new LongAdder();

    public MigrationInstruments(MetricsRecorder recorder, List<String> sets) {
        this.recorder = recorder;
        for (String set : sets) {
            counter(MigrationMeters.APPLIED, "Migrations applied", "set", set);
            counter(MigrationMeters.FAILED, "Migrations that failed", "set", set, "outcome", "restored");
            counter(MigrationMeters.FAILED, "Migrations that failed", "set", set, "outcome", "not_restored");
            counter(MigrationMeters.ROLLED_BACK, "Migrations undone by rollbacks", "set", set);
        }
        appliedDuration = recorder.timer(MigrationMeters.DURATION, "Time each migration took", "outcome", "applied");
        failedDuration = recorder.timer(MigrationMeters.DURATION, "Time each migration took", "outcome", "failed");
        for (Severity s : Severity.values()) {
            lint.put(s, recorder.counter(MigrationMeters.LINT_FINDINGS, "Lint findings in migration scripts",
                    "severity", lower(s)));
        }
        for (HealthStatus s : HealthStatus.values()) {
            health.put(s, recorder.counter(MigrationMeters.HEALTH_CHECKS, "Migration health checks answered",
                    "status", lower(s)));
        }
    }

    private MetricsRecorder.Counter counter(String name, String description, String... tags) {
        return byName.computeIfAbsent(name + String.join("/", tags), k -> recorder.counter(name, description, tags));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    public void applied(String set, long nanos) {
        applied.increment();
        migrationNanos.add(nanos);
        appliedDuration.recordNanos(nanos);
        counter(MigrationMeters.APPLIED, "Migrations applied", "set", set).increment();
    }

    public void failedAfter(long nanos) {
        migrationNanos.add(nanos);
        failedDuration.recordNanos(nanos);
    }

    public void failed(String set, boolean restored) {
        failed.increment();
        if (!restored) {
            notRestored.increment();
        }
        counter(MigrationMeters.FAILED, "Migrations that failed", "set", set, "outcome",
                restored ? "restored" : "not_restored").increment();
    }

    public void rolledBack(String set, int count) {
        rolledBack.add(count);
        counter(MigrationMeters.ROLLED_BACK, "Migrations undone by rollbacks", "set", set).increment(count);
    }

    public void lint(List<Finding> findings) {
        lintFindings.add(findings.size());
        findings.forEach(f -> lint.get(f.severity()).increment());
    }

    public void health(HealthStatus status) {
        healthChecks.increment();
        health.get(status).increment();
    }

    public MigrationMetrics snapshot() {
        return new MigrationMetrics(Instant.now(), applied.sum(), failed.sum(), notRestored.sum(), rolledBack.sum(),
                TimeUnit.NANOSECONDS.toMillis(migrationNanos.sum()), lintFindings.sum(), healthChecks.sum());
    }
}
