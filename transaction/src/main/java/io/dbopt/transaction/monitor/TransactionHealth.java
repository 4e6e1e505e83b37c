package io.dbopt.transaction.monitor;

import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.transaction.DeadlockRecord;
import io.dbopt.transaction.OpenTransaction;
import io.dbopt.transaction.TransactionMetrics;
import io.dbopt.transaction.TransactionStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Judges a transaction manager's health from what it recorded, without asking the database: DOWN while the last
 * transaction could not get a connection (and none has committed since); DEGRADED while a transaction has been open
 * too long, when since the previous check more than a share of finished transactions exhausted their retries or any
 * COMMIT was cut off with its outcome unknown, and while a deadlock is recent. Thread-safe: concurrent checks share
 * one baseline, so each interval is judged by whichever check ends it.
 */
public final class TransactionHealth {

    private final Duration longTransaction;
    private final double maxExhaustedShare;
    private final Duration deadlockWindow;
    private final AtomicReference<TransactionStats> baseline = new AtomicReference<>(
            new TransactionStats(0, 0, java.util.Map.of(), java.util.Map.of(), 0, 0, 0));

    public TransactionHealth(Duration longTransaction, double maxExhaustedShare, Duration deadlockWindow) {
        this.longTransaction = longTransaction;
        this.maxExhaustedShare = maxExhaustedShare;
        this.deadlockWindow = deadlockWindow;
    }

    public Health check(String component, TransactionMetrics metrics, List<OpenTransaction> longOpen,
                 List<DeadlockRecord> deadlocks, boolean unreachable) {
        TransactionStats now = metrics.stats();
        TransactionStats before = baseline.getAndSet(now);
        long finished = (now.commits() - before.commits()) + (now.totalFailures() - before.totalFailures());
        long exhausted = now.retriesExhausted() - before.retriesExhausted();
        long unknown = now.outcomeUnknown() - before.outcomeUnknown();
        Health.Builder h = Health.builder(component).checkedAt(metrics.at())
                .detail("commits", now.commits()).detail("failures", now.totalFailures())
                .detail("retries", now.totalRetries()).detail("retries_exhausted", now.retriesExhausted())
                .detail("outcome_unknown", now.outcomeUnknown()).detail("open", metrics.open())
                .detail("oldest_open", metrics.oldestOpen())
                .detail("finished_since_last_check", finished);
        if (unreachable) {
            h.finding(Finding.builder("transaction.database-unreachable", Severity.CRITICAL)
                    .object(DbObject.of(ObjectType.DATABASE, component))
                    .message("The last transaction could not get a connection and none has committed since")
                    .fix(Fix.advice("check that the database is reachable and the pool is not exhausted"))
                    .build());
        }
        Instant at = metrics.at();
        for (OpenTransaction t : longOpen) {
            h.finding(Finding.builder("transaction.open-too-long", Severity.WARNING)
                    .object(DbObject.of(ObjectType.TRANSACTION, t.name()))
                    .message("Transaction " + t.name() + " has been open for " + t.age(at).toSeconds()
                            + " s, longer than " + longTransaction.toSeconds() + " s")
                    .evidence("age_ms", t.age(at).toMillis())
                    .fix(Fix.advice("keep non-database work (HTTP calls, file I/O) outside the transaction"))
                    .build());
        }
        if (exhausted > 0 && finished > 0 && (double) exhausted / finished > maxExhaustedShare) {
            h.finding(Finding.builder("transaction.retries-exhausted", Severity.ERROR)
                    .object(DbObject.of(ObjectType.TRANSACTION, "all"))
                    .message(exhausted + " of " + finished + " transaction(s) finished since the previous check "
                            + "failed after every retry")
                    .evidence("retries_exhausted", exhausted).evidence("finished", finished)
                    .evidence("max_share", maxExhaustedShare)
                    .fix(Fix.advice("take locks in a consistent order, shorten transactions, or partition hot rows"))
                    .build());
        }
        if (unknown > 0) {
            h.finding(Finding.builder("transaction.commit-outcome-unknown", Severity.WARNING)
                    .object(DbObject.of(ObjectType.TRANSACTION, "all"))
                    .message(unknown + " COMMIT(s) since the previous check were cut off with their outcome unknown")
                    .evidence("outcome_unknown", unknown)
                    .fix(Fix.advice("turn on transaction.resolve_commit_outcome (PostgreSQL) or give such writes "
                            + "an idempotency key"))
                    .build());
        }
        if (!deadlockWindow.isZero()) {
            List<DeadlockRecord> recent = deadlocks.stream()
                    .filter(d -> Duration.between(d.detectedAt(), at).compareTo(deadlockWindow) <= 0).toList();
            if (!recent.isEmpty()) {
                h.finding(Finding.builder("transaction.deadlocks", Severity.WARNING)
                        .object(DbObject.of(ObjectType.TRANSACTION, "all"))
                        .message(recent.size() + " deadlock(s) in the last " + deadlockWindow.toSeconds()
                                + " s; the latest: " + recent.get(0).summary())
                        .evidence("deadlocks", recent.size())
                        .fix(Fix.advice("take locks in a consistent order (sort the keys a transaction updates)"))
                        .build());
            }
        }
        return h.build();
    }

    public Duration longTransaction() {
        return longTransaction;
    }
}
