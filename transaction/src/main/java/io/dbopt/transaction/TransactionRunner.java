package io.dbopt.transaction;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a transaction: attempts, each on a freshly borrowed connection, and retries with backoff while that is both
 * allowed by the policy and safe. One instance per manager; thread-safe.
 */
final class TransactionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionManager.class);

    private final String label;
    private final DataSource dataSource;
    private final ManagerContext context;
    private final AtomicLong ids = new AtomicLong();

    TransactionRunner(String label, DataSource dataSource, ManagerContext context) {
        this.label = label;
        this.dataSource = dataSource;
        this.context = context;
    }

    <T> T run(Plan plan, TransactionCallback<T> work) {
        long id = ids.incrementAndGet();
        long start = System.nanoTime();
        Instant startedAt = context.clock().instant();
        TransactionMetrics metrics = context.monitor().metrics();
        int attempt = 0;
        while (true) {
            attempt++;
            Attempt<T> result = new AttemptRun<>(this, plan, work, attempt, id, startedAt).run();
            if (result.failure() == null) {
                if (result.committed()) {
                    metrics.committed(plan.name(), plan.tenant(), System.nanoTime() - start);
                } else {
                    metrics.rolledBack(plan.name(), plan.tenant());
                }
                return result.value();
            }
            Failure f = result.failure();
            metrics.rolledBack(plan.name(), plan.tenant());
            long wait = retryWait(plan, f, attempt, start);
            metrics.retried(plan.name(), plan.tenant(), f.kind());
            LOG.debug("{} - transaction {} attempt {} failed with {}; retrying in {} us", label, plan.name(), attempt,
                    f.kind(), TimeUnit.NANOSECONDS.toMicros(wait));
            pause(wait, plan.name(), f.error());
        }
    }

    /**
     * How long to wait before the next attempt after {@code f}; throws the exception that ends the transaction when
     * there is to be no next attempt: outcome unknown, not retryable or not safe to retry, or out of budget.
     */
    private long retryWait(Plan plan, Failure f, int attempt, long start) {
        TransactionMetrics metrics = context.monitor().metrics();
        RetryPolicy policy = plan.policy();
        if (f.kind() == ErrorKind.DEADLOCK) {
            context.deadlockDetector().victim(plan.name(), f.error(), f.sessionId());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (f.outcomeUnknown()) {
            metrics.failed(plan.name(), plan.tenant(), f.kind(), elapsed.toNanos(), false, true);
            LOG.warn("{} - COMMIT of transaction {} was cut off ({}); its outcome is unknown, not retried", label,
                    plan.name(), f.kind());
            throw new CommitOutcomeUnknownException(plan.name(), f.error());
        }
        if (!f.retrySafe() || !policy.retries(f.kind())) {
            metrics.failed(plan.name(), plan.tenant(), f.kind(), elapsed.toNanos(), false, false);
            LOG.debug("{} - transaction {} failed with {} on attempt {}, not retried", label, plan.name(), f.kind(),
                    attempt);
            throw f.toException(plan.name(), context.dialect() instanceof PostgresDialect);
        }
        long ceiling = policy.backoffCeiling(attempt + 1).toNanos();
        long wait = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        String limit = attempt >= policy.maxAttempts()
                ? "the retry policy allows " + policy.maxAttempts() + " attempt(s)"
                : elapsed.toNanos() + wait > policy.maxElapsed().toNanos()
                ? "another attempt would start after the " + policy.maxElapsed().toMillis() + " ms time budget"
                : null;
        if (limit != null) {
            metrics.failed(plan.name(), plan.tenant(), f.kind(), elapsed.toNanos(), true, false);
            LOG.warn("{} - transaction {} gave up after {} attempt(s) failing with {}", label, plan.name(), attempt,
                    f.kind());
            throw new RetriesExhaustedException(plan.name(), attempt, f.kind(), elapsed, limit, f.error());
        }
        return wait;
    }

    private static void pause(long nanos, String name, Throwable last) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            TransactionException interrupted = new TransactionException(TransactionErrorCode.INTERRUPTED,
                    "Interrupted while waiting to retry transaction '" + name + "'; nothing was committed", e);
            interrupted.addSuppressed(last);
            throw interrupted;
        }
    }

    String label() {
        return label;
    }

    DataSource dataSource() {
        return dataSource;
    }

    ManagerContext context() {
        return context;
    }

    /**
     * What one attempt produced: a value (committed, or rolled back on request) or a failure.
     *
     * @param value the work's result
     * @param committed whether it was committed (false when rolled back on request)
     * @param failure why it did not commit, or null
     */
    record Attempt<T>(T value, boolean committed, Failure failure) {
    }

    /** The shared parts of a manager an attempt needs. */
    interface ManagerContext {
        Dialect dialect();

        Dialect dialect(Connection connection) throws SQLException;

        ServerSupport support();

        TransactionMonitor monitor();

        DeadlockDetector deadlockDetector();

        Optional<IsolationAdvisor> advisor();

        java.time.Clock clock();
    }

    /** Helper for the attempt: classify and log cleanup failures that have no primary error to attach to. */
    static void cleanupFailed(String label, String name, SQLException e) {
        LOG.warn("{} - restoring the connection of transaction {} failed ({}, SQLState {}); the connection was "
                + "discarded", label, name, SqlErrors.classify(e), e.getSQLState());
    }

    static boolean closedQuietly(Connection connection, Throwable primary) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            primary.addSuppressed(e);
            return true;
        }
    }
}
