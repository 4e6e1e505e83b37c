package io.dbopt.bulk.load;

import io.dbopt.bulk.checkpoint.CheckpointTable;
import io.dbopt.bulk.failure.BadRow;
import io.dbopt.bulk.failure.BadRowHandler;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.bulk.progress.JobProgress;
import io.dbopt.core.DbOptException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a load: reads chunks from the source, sends each in its own transaction (streaming while it reads),
 * and when a chunk fails for its rows, sends it again in pieces: the rows the server named are reported, the rest
 * committed; a piece that fails without naming a row is halved until the bad row is alone. Pieces commit in input
 * order, each with the checkpoint of the input rows it consumed, so a resumed load neither repeats nor skips a row.
 * A lost connection or a retryable error repeats the same piece on a new connection. Not thread-safe.
 */
final class Loader<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

    /** What a load needs besides its rows. */
    record Plan(String name, LoadStrategy strategy, PieceWriter writer, RowEncoder encoder, Optional<Merge> merge,
                FailureAnalysis analysis, Optional<CheckpointTable> checkpoint, Optional<String> jobId,
                Optional<String> rejectTable, boolean postgres) {
    }

    private final LoadSettings settings;
    private final Plan plan;
    private final LoaderConnections connections;
    private final ChunkFiller<T> filler;
    private final BadRowHandler onBadRow;
    private final long maxErrors;
    private final boolean showValues;
    private final JobProgress progress;
    private final List<BadRow> kept = new ArrayList<>();
    private long inserted;
    private long updated;
    private long rejected;
    private long pendingRejected;
    private long commits;
    private long retries;
    private boolean clientRejectsReported;

    Loader(LoadSettings settings, Plan plan, LoaderConnections connections, ChunkFiller<T> filler,
           BadRowHandler onBadRow, long maxErrors, boolean showValues, JobProgress progress) {
        this.settings = settings;
        this.plan = plan;
        this.connections = connections;
        this.filler = filler;
        this.onBadRow = onBadRow;
        this.maxErrors = maxErrors;
        this.showValues = showValues;
        this.progress = progress;
    }

    long inserted() {
        return inserted;
    }

    long updated() {
        return updated;
    }

    long rejected() {
        return rejected;
    }

    long commits() {
        return commits;
    }

    long retries() {
        return retries;
    }

    List<BadRow> keptBadRows() {
        return kept;
    }

    /** Loads every remaining row of the source. */
    void run(int initialChunkBytes) {
        boolean first = true;
        while (first || filler.hasMore()) {
            first = false; // a load of no rows still runs one (empty) chunk: it checks the table and the checkpoint
            Chunk chunk = new Chunk(filler.nextRowNumber(), initialChunkBytes,
                    plan.encoder() == null || showValues);
            clientRejectsReported = false;
            chunk(chunk);
            if (chunk.sourceEnded) {
                return;
            }
        }
    }

    private void chunk(Chunk chunk) {
        Attempt first = attempt(chunk, 0, -1);
        if (first.failure == null) {
            return;
        }
        filler.fillAll(chunk);
        reportClientRejects();
        if (chunk.size() == 0) {
            recordOnly(chunk.lastInputRow, null);
            return;
        }
        FailureAnalysis.Failure f = first.failure;
        if (f.kind() != FailureAnalysis.Kind.ROWS) {
            f = retried(chunk, 0, chunk.size(), f);
            if (f == null) {
                return;
            }
        }
        resolve(chunk, 0, chunk.size(), f);
    }

    /** Sends rows {@code [from, to)}, again after retryable failures; null when committed, else the row failure. */
    private FailureAnalysis.Failure apply(Chunk chunk, int from, int to) {
        Attempt a = attempt(chunk, from, to);
        if (a.failure == null) {
            return null;
        }
        return a.failure.kind() == FailureAnalysis.Kind.ROWS ? a.failure : retried(chunk, from, to, a.failure);
    }

    private FailureAnalysis.Failure retried(Chunk chunk, int from, int to, FailureAnalysis.Failure failure) {
        FailureAnalysis.Failure f = failure;
        for (int attempt = 1; f.kind() == FailureAnalysis.Kind.RETRY && attempt <= settings.retryAttempts();
             attempt++) {
            long backoff = Math.min(30_000, settings.retryBackoff().toMillis() << Math.min(attempt - 1, 10));
            LOG.warn("{} - rows {}..{} failed ({}), attempt {} of {} in {} ms", plan.name(),
                    chunk.rowNumbers[from], chunk.rowNumbers[to - 1], f.reason(), attempt + 1,
                    settings.retryAttempts() + 1, backoff);
            sleep(backoff);
            retries++;
            Attempt a = attempt(chunk, from, to);
            if (a.failure == null) {
                return null;
            }
            f = a.failure;
        }
        if (f.kind() == FailureAnalysis.Kind.ROWS) {
            return f;
        }
        throw new DbOptException(BulkErrorCode.CHUNK_FAILED, "Loading rows " + chunk.rowNumbers[from] + ".."
                + chunk.rowNumbers[to - 1] + " into " + plan.name() + " failed (" + f.sqlState() + " "
                + f.reason() + ")" + (f.kind() == FailureAnalysis.Kind.RETRY ? " after " + settings.retryAttempts()
                + " retries" : "") + ": the chunks committed before stay" + (plan.jobId().isPresent()
                ? "; run the load again with job id '" + plan.jobId().get() + "' to resume" : ""), f.cause());
    }

    private void resolve(Chunk chunk, int from, int to, FailureAnalysis.Failure f) {
        List<FailureAnalysis.RowError> rows = new ArrayList<>(f.rows());
        rows.sort(Comparator.comparingInt(FailureAnalysis.RowError::index));
        if (!rows.isEmpty()) {
            int cursor = from;
            for (FailureAnalysis.RowError r : rows) {
                if (r.index() < cursor || r.index() >= to) {
                    continue;
                }
                if (r.index() > cursor) {
                    piece(chunk, cursor, r.index());
                }
                bad(chunk, r.index(), r.column(), r.sqlState(), plan.analysis().reason(r.reason(), r.fullReason()));
                cursor = r.index() + 1;
            }
            if (cursor < to) {
                piece(chunk, cursor, to);
            }
        } else if (to - from == 1) {
            bad(chunk, from, f.column(), f.sqlState(), plan.analysis().reason(f.reason(), f.fullReason()));
        } else {
            int mid = (from + to) >>> 1;
            piece(chunk, from, mid);
            piece(chunk, mid, to);
        }
    }

    private void piece(Chunk chunk, int from, int to) {
        FailureAnalysis.Failure f = apply(chunk, from, to);
        if (f != null) {
            resolve(chunk, from, to, f);
        }
    }

    /** One transaction: rows {@code [from, to)} ({@code to < 0}: stream the chunk while reading it). */
    private Attempt attempt(Chunk chunk, int from, int to) {
        long t0 = System.nanoTime();
        Connection c = null;
        boolean discard = false;
        try {
            c = connections.borrow();
            if (plan.postgres()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
                    ps.setString(1, settings.statementTimeout().toMillis() + "ms");
                    ps.execute();
                }
            }
            if (plan.merge().isPresent()) {
                plan.merge().get().prepare(c);
            }
            long written;
            int end = to;
            try {
                if (to < 0) {
                    written = plan.writer().stream(c, chunk, filler);
                    end = chunk.size();
                    reportClientRejects();
                } else {
                    written = plan.writer().write(c, chunk, from, to);
                }
            } catch (SQLException | RuntimeException e) {
                discard = plan.writer().discardOnFailure() && !(e instanceof RowFailure);
                throw e;
            }
            Merge.Counts counts = plan.merge().isPresent() ? plan.merge().get().merge(c)
                    : new Merge.Counts(written, 0);
            if (plan.merge().isEmpty() && written != end - from) {
                throw new RowFailure("the server took " + written + " of " + (end - from) + " rows", "HY000",
                        List.of());
            }
            if (plan.jobId().isPresent()) {
                plan.checkpoint().get().advanceLoad(c, plan.jobId().get(), chunk.consumedThrough(end),
                        counts.inserted() + counts.updated(), pendingRejected);
            }
            c.commit();
            pendingRejected = 0;
            inserted += counts.inserted();
            updated += counts.updated();
            commits++;
            if (end > from) {
                progress.chunkDone(counts.inserted() + counts.updated(), Duration.ofNanos(System.nanoTime() - t0));
            }
            return new Attempt(null);
        } catch (SQLException e) {
            rollback(c, discard, e);
            FailureAnalysis.Failure f = plan.analysis().analyse(e, from, to < 0 ? Integer.MAX_VALUE : to);
            if (f.kind() == FailureAnalysis.Kind.RETRY) {
                discard = true;
            }
            connections.release(c, discard, e);
            c = null;
            return new Attempt(f);
        } catch (RuntimeException e) {
            rollback(c, true, e);
            connections.release(c, true, e);
            c = null;
            throw e;
        } finally {
            if (c != null) {
                connections.release(c, false, null);
            }
        }
    }

    private static void rollback(Connection c, boolean discard, Exception failure) {
        if (c == null || discard) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void reportClientRejects() {
        if (clientRejectsReported) {
            return;
        }
        clientRejectsReported = true;
        for (BadRow b : filler.takeClientRejects()) {
            deliver(b);
            pendingRejected++;
            checkMaxErrors(b);
        }
    }

    private void bad(Chunk chunk, int index, Optional<String> column, String sqlState, String reason) {
        BadRow b = new BadRow(chunk.rowNumbers[index], column, sqlState, reason,
                chunk.valuesOf(index).filter(v -> showValues).map(ChunkFiller::texts).orElse(List.of()));
        pendingRejected++;
        deliver(b);
        recordOnly(chunk.consumedThrough(index + 1), b);
        checkMaxErrors(b);
    }

    /** Records the checkpoint (and the reject row) past rejected rows, when the load keeps either. */
    private void recordOnly(long consumed, BadRow row) {
        if (plan.jobId().isEmpty() && (row == null || plan.rejectTable().isEmpty())) {
            return;
        }
        Connection c = null;
        try {
            c = connections.borrow();
            if (row != null && plan.rejectTable().isPresent()) {
                RejectTable.insert(c, plan.rejectTable().get(), plan.jobId().orElse(plan.name()), row);
            }
            if (plan.jobId().isPresent()) {
                plan.checkpoint().get().advanceLoad(c, plan.jobId().get(), consumed, 0, pendingRejected);
            }
            c.commit();
            pendingRejected = 0;
        } catch (SQLException e) {
            rollback(c, false, e);
            connections.release(c, true, e);
            c = null;
            throw DbOptException.sqlFailed("recording rejected row " + (row == null ? "" : row.rowNumber())
                    + " of " + plan.name(), e);
        } finally {
            if (c != null) {
                connections.release(c, false, null);
            }
        }
    }

    private void deliver(BadRow b) {
        rejected++;
        if (kept.size() < LoadResult.KEPT_BAD_ROWS) {
            kept.add(b);
        }
        progress.rejected(1);
        LOG.debug("{} - rejected {}", plan.name(), b.describe());
        try {
            onBadRow.onBadRow(b);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DbOptException(BulkErrorCode.CHUNK_FAILED, "The bad-row handler of " + plan.name()
                    + " failed on row " + b.rowNumber() + ": fix the handler; the chunks committed before stay", e);
        }
    }

    private void checkMaxErrors(BadRow b) {
        if (rejected > maxErrors) {
            throw new DbOptException(BulkErrorCode.TOO_MANY_BAD_ROWS, "Loading " + plan.name() + " rejected "
                    + rejected + " rows, more than maxErrors = " + maxErrors + " (last: " + b.describe()
                    + "): fix the input or raise maxErrors; the rows committed before stay"
                    + plan.jobId().map(j -> " and job '" + j + "' resumes after them").orElse(""));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbOptException(BulkErrorCode.CANCELLED, "Interrupted while waiting to retry a chunk", e);
        }
    }

    /** The outcome of one transaction: null failure when committed. */
    private record Attempt(FailureAnalysis.Failure failure) {
    }
}
