package io.dbopt.transaction.engine;

import io.dbopt.core.SqlErrors;
import io.dbopt.transaction.server.OwnWork;
import io.dbopt.transaction.server.ServerSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the server, on other connections, what became of a transaction whose COMMIT was cut off: polls until it
 * committed or aborted, ending the old session once if it still holds the transaction open idle (the COMMIT never
 * arrived), within the configured time. The budget holds inside each poll too: every poll's statements and network
 * reads are limited to what is left of it (at most a quarter of it per poll, so that one hung connection leaves time
 * for another), so a server or route that stops answering cannot hold the caller past the deadline. Borrowing the
 * connection is bounded by the pool's own timeout. Failures to ask are attached to the original error. Used once.
 */
final class CommitResolution {

    private static final Logger LOG = LoggerFactory.getLogger(CommitResolution.class);
    private static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final String label;
    private final DataSource dataSource;
    private final TransactionRunner.ManagerContext context;

    CommitResolution(String label, DataSource dataSource, TransactionRunner.ManagerContext context) {
        this.label = label;
        this.dataSource = dataSource;
        this.context = context;
    }

    /** The outcome of transaction {@code transactionId}; IN_PROGRESS after the deadline is reported as UNKNOWN. */
    ServerSupport.CommitStatus resolve(String name, long transactionId, Failure f) {
        if (transactionId == ServerSupport.NO_WRITES) {
            LOG.info("{} - COMMIT of transaction {} was cut off, but it wrote nothing: its result stands", label,
                    name);
            return ServerSupport.CommitStatus.COMMITTED;
        }
        long wait = context.commitResolution().orElseThrow().toNanos();
        long begin = System.nanoTime();
        long deadline = begin + wait;
        long pollCap = Math.max(MIN_POLL_NANOS, wait / 4);
        boolean[] ended = {false};
        ServerSupport.CommitStatus status = ServerSupport.CommitStatus.UNKNOWN;
        SQLException lastError = null;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Duration limit = Duration.ofNanos(Math.min(left, pollCap));
            boolean endNow = !ended[0] && f.sessionId().isPresent() && System.nanoTime() - begin >= wait / 4;
            try (Connection c = dataSource.getConnection()) {
                status = OwnWork.bounded(c, context.dialect(), limit, limit, other -> poll(other, name,
                        transactionId, f, endNow, ended));
                lastError = null;
            } catch (SQLException e) {
                lastError = e;
                status = ServerSupport.CommitStatus.UNKNOWN;
            }
            if (status == ServerSupport.CommitStatus.COMMITTED || status == ServerSupport.CommitStatus.ABORTED
                    || (status == ServerSupport.CommitStatus.UNKNOWN && lastError == null)
                    || deadline - System.nanoTime() <= POLL_PAUSE_NANOS) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(POLL_PAUSE_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (lastError != null) {
            f.error().addSuppressed(lastError);
        }
        report(name, status, lastError, wait);
        return status == ServerSupport.CommitStatus.IN_PROGRESS ? ServerSupport.CommitStatus.UNKNOWN : status;
    }

    /** One poll: ask, and once a quarter of the budget has gone, end the abandoned session and ask again. */
    private ServerSupport.CommitStatus poll(Connection other, String name, long transactionId, Failure f,
                                            boolean endNow, boolean[] ended) throws SQLException {
        ServerSupport support = context.support();
        ServerSupport.CommitStatus status = support.commitStatus(other, transactionId);
        if (status == ServerSupport.CommitStatus.IN_PROGRESS && endNow) {
            ended[0] = support.endAbandonedSession(other, f.sessionId().orElseThrow(), transactionId);
            if (ended[0]) {
                LOG.warn("{} - transaction {} was still open on session {} after its COMMIT was cut off: ended that "
                        + "session so that it rolls back", label, name, f.sessionId().orElseThrow());
            }
        }
        return status;
    }

    private void report(String name, ServerSupport.CommitStatus status, SQLException lastError, long wait) {
        LOG.warn("{} - COMMIT of transaction {} was cut off; the server says it {}", label, name, switch (status) {
            case COMMITTED -> "committed";
            case ABORTED -> "rolled back";
            case IN_PROGRESS -> "is still in progress after " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms";
            case UNKNOWN -> lastError != null ? "cannot be asked (" + SqlErrors.classify(lastError) + ")"
                    : "no longer knows it";
        });
    }
}
