package io.dbopt.bulk.archive;

import io.dbopt.bulk.chunk.ChunkManager;
import io.dbopt.bulk.chunk.ChunkedJob;
import io.dbopt.bulk.chunk.JobResult;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ArchiveJob}s on the {@link ChunkManager}: dry runs ({@link #plan}), runs ({@link #run}) and recurring
 * runs ({@link #schedule}). Thread-safe. Runs throw {@link DbOptException}: {@link BulkErrorCode#ARCHIVE_MISMATCH}
 * when a chunk's copied and deleted counts differ (the chunk rolled back; nothing was lost), and the
 * {@link ChunkManager}'s codes otherwise.
 */
public final class Archiver {

    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ChunkManager chunks;

    /** An archiver on the source's data source. */
    public Archiver(DataSource dataSource, Dialect dialect, ChunkManager chunks) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.chunks = Objects.requireNonNull(chunks, "chunks");
    }

    /** The dry run: how many rows, and how many bytes, the job would move now. Changes nothing. */
    public ArchivePlan plan(ArchiveJob job) {
        String source = job.schema == null ? dialect.quote(job.table) : dialect.quote(job.schema, job.table);
        boolean pg = dialect.resourceFolder().equals("postgresql");
        return Jdbc.withConnection(dataSource, "sizing archive job '" + job.id() + "'", c -> {
            String sql = pg ? "SELECT count(*), COALESCE(sum(pg_column_size(t.*)), 0) FROM " + source + " t WHERE ("
                    + job.where + ")"
                    : "SELECT COUNT(*), COUNT(*) * COALESCE((SELECT AVG_ROW_LENGTH FROM information_schema.TABLES "
                    + "WHERE TABLE_SCHEMA = " + (job.schema == null ? "DATABASE()" : "?") + " AND TABLE_NAME = ?), 0)"
                    + " FROM " + source + " WHERE (" + job.where + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                if (!pg) {
                    if (job.schema != null) {
                        ps.setString(p++, job.schema);
                    }
                    ps.setString(p++, job.table);
                }
                for (Object v : job.whereParams) {
                    ps.setObject(p++, v);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new ArchivePlan(job.table, rs.getLong(1), rs.getLong(2), !pg);
                }
            }
        });
    }

    /**
     * Moves the matching rows, resuming the job when its id was started before.
     *
     * @throws DbOptException as the class says
     */
    public ArchiveResult run(ArchiveJob job) {
        long t0 = System.nanoTime();
        List<String> columns = Jdbc.withConnection(dataSource, "reading the columns of " + job.table,
                c -> columns(c, job));
        ChunkedJob.Builder b = ChunkedJob.custom(job.table, job.id, new ArchiveWork(job, dialect, columns))
                .keyColumn(job.keyColumn).where(job.where, job.whereParams.toArray()).label("archive");
        if (job.schema != null) {
            b.schema(job.schema);
        }
        if (job.chunkSize != null) {
            b.chunkSize(job.chunkSize);
        }
        if (job.targetChunkTime != null) {
            b.targetChunkTime(job.targetChunkTime);
        }
        if (job.workers != null) {
            b.workers(job.workers);
        }
        if (job.throttle != null) {
            b.throttle(job.throttle);
        }
        JobResult r;
        try {
            r = chunks.run(b.build());
        } catch (DbOptException e) {
            if (e.sqlState().filter(ArchiveWork.MISMATCH_STATE::equals).isPresent()) {
                throw new DbOptException(BulkErrorCode.ARCHIVE_MISMATCH, "Archiving " + job.table + " into "
                        + job.archiveTable + " stopped: " + rootMessage(e) + "; the chunk rolled back and nothing was "
                        + "lost: check that no trigger or rule changes rows of either table, then run the job again", e);
            }
            throw e;
        }
        long remaining = plan(job).rows();
        return new ArchiveResult(job.id, r.rows(), r.chunks(), remaining, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Runs the job every {@code period} on the scheduler given (the handler's), each run under its own id
     * ({@code <id>-<yyyyMMdd'T'HHmmss>} in UTC). A failed run is logged at ERROR and the next one still comes.
     * Cancel the returned future to stop.
     */
    public ScheduledFuture<?> schedule(ArchiveJob job, Duration period, ScheduledExecutorService scheduler) {
        Objects.requireNonNull(job, "job");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("An archive period must be positive, was " + period);
        }
        return scheduler.scheduleWithFixedDelay(() -> {
            String id = job.id() + "-" + RUN_ID.format(Instant.now());
            try {
                ArchiveResult r = run(job.withId(id));
                LOG.info("{} - archived {} rows of {} into {}", id, r.rowsMoved(), job.table, job.archiveTable);
            } catch (RuntimeException e) {
                // the driver text in the cause chain may carry row values: only the masked first line is logged
                LOG.error("{} - archive run failed: {}", id, io.dbopt.core.Redaction.redactDriverText(e));
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private List<String> columns(Connection c, ArchiveJob job) throws SQLException {
        boolean pg = dialect.resourceFolder().equals("postgresql");
        String quoted = job.schema == null ? dialect.quote(job.table) : dialect.quote(job.schema, job.table);
        String sql = pg ? "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT "
                + "attisdropped AND attgenerated = '' ORDER BY attnum"
                : "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                + (job.schema == null ? "DATABASE()" : "?") + " AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' "
                + "ORDER BY ORDINAL_POSITION";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (pg) {
                ps.setString(1, quoted);
            } else if (job.schema != null) {
                ps.setString(1, job.schema);
                ps.setString(2, job.table);
            } else {
                ps.setString(1, job.table);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        if (out.isEmpty()) {
            throw new DbOptException(BulkErrorCode.INVALID_REQUEST, "Table " + quoted + " does not exist: check the "
                    + "archive job's table and schema");
        }
        if (!out.contains(job.keyColumn)) {
            throw new DbOptException(BulkErrorCode.INVALID_REQUEST, "Table " + quoted + " has no key column '"
                    + job.keyColumn + "': set keyColumn(...) to its integer key");
        }
        return out;
    }
}
