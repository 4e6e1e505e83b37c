package io.dbopt.pool;

import io.dbopt.core.finding.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one {@link ConnectionHealthCheck#check()}: the pool's counters, the reconciliation with the server
 * (empty when the server could not be read, with the reason), how many connections were evicted, the suspected leaks
 * and the findings. Immutable.
 *
 * @param at when the check ran
 * @param snapshot the pool's counters after the check
 * @param reconciliation the pool set against the server, when the server could be read
 * @param serverFailure why the server could not be read, empty when it could
 * @param evicted connections evicted by this check (dropped by the server, or found dead when validated)
 * @param leaks borrows held past the leak threshold
 * @param findings what needs attention
 */
public record HealthReport(Instant at, PoolSnapshot snapshot, Optional<Reconciliation> reconciliation,
                           String serverFailure, int evicted, List<LeakReport> leaks, List<Finding> findings) {

    /** Validates and copies. */
    public HealthReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(reconciliation, "reconciliation");
        Objects.requireNonNull(serverFailure, "serverFailure");
        leaks = List.copyOf(leaks);
        findings = List.copyOf(findings);
    }

    /** Whether nothing needs attention. */
    public boolean healthy() {
        return findings.isEmpty();
    }
}
