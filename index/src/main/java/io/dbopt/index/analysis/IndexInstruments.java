package io.dbopt.index.analysis;

import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.index.ApplyResult;
import io.dbopt.index.IndexMeters;
import io.dbopt.index.IndexMetrics;
import io.dbopt.index.WhatIfMethod;
import io.dbopt.index.check.IndexCheck;
import io.dbopt.index.check.IndexChecks;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records the meters of one {@link io.dbopt.index.IndexManager} ({@link IndexMeters}), obtained once when the
 * manager is built, and keeps the counts behind its {@link IndexMetrics} snapshot. Thread-safe.
 *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 */
public final class IndexInstruments {

    private static final String[] OPERATIONS = {"create", "drop", "visibility"};

    private final MetricsRecorder.Timer analysis;
    private final Map<String, MetricsRecorder.Counter> checksOk = new HashMap<>();
    private final Map<String, MetricsRecorder.Counter> checksFailed = new HashMap<>();
    private final Map<Severity, MetricsRecorder.Counter> findingsBySeverity = new EnumMap<>(Severity.class);
    private final MetricsRecorder.Counter recommendationCounter;
    private final Map<WhatIfMethod, MetricsRecorder.Counter> whatIf = new EnumMap<>(WhatIfMethod.class);
    private final Map<String, MetricsRecorder.Counter> ddl = new HashMap<>();
    private final Map<String, MetricsRecorder.Timer> ddlDuration = new HashMap<>();
    private final Map<HealthStatus, MetricsRecorder.Counter> health = new EnumMap<>(HealthStatus.class);

    private final LongAdder analyses = new LongAdder();
    private final LongAdder checksRun = new LongAdder();
    private final LongAdder checkFailures = new LongAdder();
    private final LongAdder findings = new LongAdder();
    private final LongAdder recommendations = new LongAdder();
    private final LongAdder evaluations = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder ddlFailures = new LongAdder();
    private final LongAdder healthChecks = new LongAdder();

    public IndexInstruments(MetricsRecorder recorder) {
        analysis = recorder.timer(IndexMeters.ANALYSIS, "Full index analyses");
        for (IndexCheck check : IndexChecks.all()) {
            checksOk.put(check.id(), recorder.counter(IndexMeters.CHECKS, "Index catalog checks run",
                    "check", check.id(), "outcome", "ok"));
            checksFailed.put(check.id(), recorder.counter(IndexMeters.CHECKS, "Index catalog checks run",
                    "check", check.id(), "outcome", "failed"));
        }
        for (Severity s : Severity.values()) {
            findingsBySeverity.put(s, recorder.counter(IndexMeters.FINDINGS, "Findings of the index checks",
                    "severity", lower(s)));
        }
        recommendationCounter = recorder.counter(IndexMeters.RECOMMENDATIONS, "Index recommendations made");
        for (WhatIfMethod m : WhatIfMethod.values()) {
            whatIf.put(m, recorder.counter(IndexMeters.WHATIF_EVALUATIONS, "Hypothetical index sets costed",
                    "method", lower(m)));
        }
        for (String op : OPERATIONS) {
            for (ApplyResult.Action a : ApplyResult.Action.values()) {
                ddl.put(op + "/" + lower(a), recorder.counter(IndexMeters.DDL, "Index DDL run", "operation", op,
                        "outcome", lower(a)));
            }
            ddl.put(op + "/failed", recorder.counter(IndexMeters.DDL, "Index DDL run", "operation", op,
                    "outcome", "failed"));
            ddlDuration.put(op, recorder.timer(IndexMeters.DDL_DURATION, "Time index DDL took", "operation", op));
        }
        for (HealthStatus s : HealthStatus.values()) {
            health.put(s, recorder.counter(IndexMeters.HEALTH_CHECKS, "Index health checks answered",
                    "status", lower(s)));
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    public void analysis(long nanos) {
        analyses.increment();
        analysis.recordNanos(nanos);
    }

    public void check(String id, boolean ok) {
        checksRun.increment();
        if (!ok) {
            checkFailures.increment();
        }
        MetricsRecorder.Counter c = (ok ? checksOk : checksFailed).get(id);
        if (c != null) {
            c.increment();
        }
    }

    public void findings(List<Finding> reported) {
        findings.add(reported.size());
        for (Finding f : reported) {
            findingsBySeverity.get(f.severity()).increment();
        }
    }

    public void recommendations(int count) {
        recommendations.add(count);
        recommendationCounter.increment(count);
    }

    void whatIf(WhatIfMethod method) {
        evaluations.increment();
        whatIf.get(method).increment();
    }

    public void ddl(String operation, ApplyResult result, long nanos) {
        switch (result.action()) {
            case CREATED, REBUILT_INVALID -> created.increment();
            case DROPPED -> dropped.increment();
            default -> {
                // nothing changed
            }
        }
        ddl.get(operation + "/" + lower(result.action())).increment();
        ddlDuration.get(operation).recordNanos(nanos);
    }

    public void ddlFailed(String operation, long nanos) {
        ddlFailures.increment();
        ddl.get(operation + "/failed").increment();
        ddlDuration.get(operation).recordNanos(nanos);
    }

    public void health(HealthStatus status) {
        healthChecks.increment();
        health.get(status).increment();
    }

    public IndexMetrics snapshot() {
        return new IndexMetrics(Instant.now(), analyses.sum(), checksRun.sum(), checkFailures.sum(), findings.sum(),
                recommendations.sum(), evaluations.sum(), created.sum(), dropped.sum(), ddlFailures.sum(),
                healthChecks.sum());
    }
}
