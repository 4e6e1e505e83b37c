package io.dbopt.transaction.engine;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.transaction.CommitOutcomeUnknownException;
import io.dbopt.transaction.IsolationAdvisor;
import io.dbopt.transaction.OpenTransaction;
import io.dbopt.transaction.RetriesExhaustedException;
import io.dbopt.transaction.RetryPolicy;
import io.dbopt.transaction.TransactionCallback;
import io.dbopt.transaction.TransactionErrorCode;
import io.dbopt.transaction.TransactionException;
import io.dbopt.transaction.TransactionOptions;
import io.dbopt.transaction.monitor.TransactionMeters;
import io.dbopt.transaction.retry.Backoff;
import io.dbopt.transaction.server.ServerSupport;
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
public final class TransactionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);

    private final String label;
    private final DataSource dataSource;
    private final ManagerContext context;
    private final AtomicLong ids = new AtomicLong();

    /** A runner borrowing from {@code dataSource}; {@code label} starts its log lines. */
    public TransactionRunner(String label, DataSource dataSource, ManagerContext context) {
        this.label = label;
        this.dataSource = dataSource;
        this.context = context;
    }

    /**
     * Whether the current thread is inside a transaction of this runner's data source, which a new call joins
     * ({@link #join}) instead of opening a second connection.
     */
    public boolean insideTransaction() {
        return ActiveTransactions.current(dataSource) != null;
    }

    /**
     * Runs {@code work} inside the current thread's transaction of this data source, as its options' propagation
     * says; see {@link Nesting}.
     *
     * @throws IllegalStateException when there is no such transaction
     */
    public <T> T join(TransactionOptions options, TransactionCallback<T> work) {
        ActiveTransactions.Frame outer = ActiveTransactions.current(dataSource);
        if (outer == null) {
            throw new IllegalStateException("no transaction of this data source is open on this thread");
        }
        return Nesting.join(outer, options, work);
    }

    /** Runs {@code work} in a new transaction: attempts and retries as the plan allows. */
    public <T> T run(Plan plan, TransactionCallback<T> work) {
        long id = ids.incrementAndGet();
        long start = System.nanoTime();
        Instant startedAt = context.clock().instant();
        TransactionMeters metrics = context.meters();
        int attempt = 0;
        while (true) {
            attempt++;
            Attempt<T> result = new AttemptRun<>(label, dataSource, context, plan, work, attempt, id,
                    startedAt).run();
            if (result.failure() == null) {
                if (result.committed()) {
                    metrics.committed(plan.name(), plan.tenant(), System.nanoTime() - start);
                } else {
                    metrics.rolledBack(plan.name(), plan.tenant());
                }
                return result.value();
            }
            Failure f = result.failure();
            metrics.reachable(f.code() != TransactionErrorCode.CONNECTION_FAILED);
            if (f.outcomeUnknown() && result.commitLookupId() != ServerSupport.NO_LOOKUP) {
                ServerSupport.CommitStatus status = new CommitResolution(label, dataSource, context)
                        .resolve(plan.name(), result.commitLookupId(), f);
                if (status == ServerSupport.CommitStatus.COMMITTED || status == ServerSupport.CommitStatus.ABORTED) {
                    metrics.resolved(plan.name(), plan.tenant());
                }
                if (status == ServerSupport.CommitStatus.COMMITTED) {
                    metrics.committed(plan.name(), plan.tenant(), System.nanoTime() - start);
                    return result.value();
                }
                if (status == ServerSupport.CommitStatus.ABORTED) {
                    f = f.rolledBackAfterAll();
                }
            }
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
        TransactionMeters metrics = context.meters();
        RetryPolicy policy = plan.policy();
        if (f.kind() == ErrorKind.DEADLOCK) {
            metrics.deadlockVictim();
            context.deadlockVictim(plan.name(), f.error(), f.sessionId());
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
        long wait = Backoff.sampleNanos(policy, attempt + 1, ThreadLocalRandom.current());
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

    /**
     * What one attempt produced: a value (committed, or rolled back on request) or a failure.
     *
     * @param value the work's result
     * @param committed whether it was committed (false when rolled back on request)
     * @param failure why it did not commit, or null
     * @param commitLookupId when COMMIT was cut off: the id to look the outcome up by ({@link ServerSupport})
     */
    record Attempt<T>(T value, boolean committed, Failure failure, long commitLookupId) {
        Attempt(T value, boolean committed, Failure failure) {
            this(value, committed, failure, ServerSupport.NO_LOOKUP);
        }
    }

    /** What the runner and its attempts need from the manager that owns them. */
    public interface ManagerContext {
        /** The server's dialect, detected on first use. */
        Dialect dialect();

        /** The server's dialect, detected from this connection's metadata on first use. */
        Dialect dialect(Connection connection) throws SQLException;

        /** How the server applies options and tells transaction state. */
        ServerSupport support();

        /** Where outcomes are counted. */
        TransactionMeters meters();

        /** A transaction attempt started. */
        void opened(OpenTransaction transaction);

        /** The attempt with this id ended. */
        void closed(long id);

        /** An attempt was a deadlock victim: capture what the server says about the deadlock. */
        void deadlockVictim(String transactionName, Throwable error, Optional<String> sessionId);

        /** The isolation advisor fed with committed transactions, if any. */
        Optional<IsolationAdvisor> advisor();

        /** How long to try resolving a cut-off COMMIT; empty when resolution is off. */
        Optional<Duration> commitResolution();

        /** The clock of start times. */
        java.time.Clock clock();
    }
}
