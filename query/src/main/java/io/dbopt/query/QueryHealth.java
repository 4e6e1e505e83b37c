package io.dbopt.query;

import io.dbopt.core.Redaction;
import io.dbopt.core.component.Health;
import java.util.List;

/**
 * Judges what a profiler recorded against the health thresholds ({@code query.health_*}): DEGRADED with the N+1
 * patterns (at most five) when more were found than allowed, and with a {@code query.slow-share} finding when too
 * large a share of enough statements was slow. Reads only the profiler's counters; never throws. Immutable.
 *
 * @param maxNPlusOne N+1 patterns tolerated
 * @param maxSlowShare share of slow statements tolerated, 0 to 1
 * @param minStatements statements needed before the share is judged
 */
record QueryHealth(int maxNPlusOne, double maxSlowShare, long minStatements) {

    private static final int SHOWN_PATTERNS = 5;

    Health check(String component, QueryProfiler profiler, QueryMetrics m) {
        try {
            Health.Builder health = Health.builder(component).detail("profiler", profiler.name())
                    .detail("statements", m.statements()).detail("errors", m.errors())
                    .detail("slow_statements", m.slowStatements()).detail("n_plus_one_patterns", m.nPlusOnePatterns())
                    .detail("fingerprints", m.fingerprints()).detail("latency_p95", m.latency().p95());
            m.cacheHitRatio().ifPresent(r -> health.detail("cache_hit_ratio", r));
            if (m.nPlusOnePatterns() > maxNPlusOne) {
                List<NPlusOne> patterns = profiler.nPlusOne();
                health.findings(ProfiledFindings.nPlusOne(patterns.subList(0, Math.min(SHOWN_PATTERNS,
                        patterns.size()))));
            }
            if (m.statements() >= Math.max(1, minStatements)
                    && (double) m.slowStatements() / m.statements() > maxSlowShare) {
                health.finding(ProfiledFindings.slowShare(profiler.name(), m.slowStatements(), m.statements(),
                        maxSlowShare, profiler.slowQueryThreshold()));
            }
            return health.build();
        } catch (RuntimeException e) {
            return Health.down(component, "the health check failed: " + Redaction.redactText(e.toString()));
        }
    }
}
