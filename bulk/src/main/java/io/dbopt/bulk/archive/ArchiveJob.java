package io.dbopt.bulk.archive;

import io.dbopt.bulk.throttle.Throttle;
import io.dbopt.core.Checks;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Moves rows matching a condition (closed and older than N days, say) from a table to an archive table, chunk by
 * chunk: each chunk copies then deletes its rows in one transaction when both tables are on one server, verified by
 * counts. The archive table must exist with the source's columns. With {@link Builder#destination(DataSource)} the
 * archive is on another server: the chunk's rows are locked and read, inserted there (a key already there is left
 * as is, so a repeated chunk adds nothing), the insert is committed and checked, then the rows are deleted at the
 * source.
 *
 * <pre>{@code
 * ArchiveJob job = ArchiveJob.builder("handoffs", "handoffs_archive", "archive-handoffs")
 *         .where("status = 'closed' AND closed_at < ?", LocalDateTime.now().minusDays(90))
 *         .build();
 * ArchivePlan plan = bulk.archiver().plan(job);   // dry run: rows and bytes that would move
 * ArchiveResult moved = bulk.archiver().run(job);
 * }</pre>
 *
 * <p>Immutable once built; the condition is SQL written by the developer, its parameters bound.
 */
public final class ArchiveJob {

    final String id;
    final String table;
    final String archiveTable;
    final String schema;
    final String keyColumn;
    final String where;
    final List<Object> whereParams;
    final DataSource destination;
    final Integer chunkSize;
    final Duration targetChunkTime;
    final Integer workers;
    final Throttle throttle;

    private ArchiveJob(Builder b) {
        this.id = b.id;
        this.table = b.table;
        this.archiveTable = b.archiveTable;
        this.schema = b.schema;
        this.keyColumn = b.keyColumn;
        this.where = b.where;
        this.whereParams = List.copyOf(b.whereParams);
        this.destination = b.destination;
        this.chunkSize = b.chunkSize;
        this.targetChunkTime = b.targetChunkTime;
        this.workers = b.workers;
        this.throttle = b.throttle;
    }

    /** Starts an archive job from {@code table} to {@code archiveTable} under a job id. */
    public static Builder builder(String table, String archiveTable, String jobId) {
        return new Builder(table, archiveTable, jobId);
    }

    /** The job's id (a recurring job adds the run's start time). */
    public String id() {
        return id;
    }

    /** The source table. */
    public String table() {
        return table;
    }

    /** The archive table. */
    public String archiveTable() {
        return archiveTable;
    }

    /** The other server's data source, when the archive is not on the source's server. */
    public Optional<DataSource> destination() {
        return Optional.ofNullable(destination);
    }

    /** This job under another id (each run of a recurring job gets its own). */
    ArchiveJob withId(String newId) {
        Builder b = new Builder(table, archiveTable, newId);
        b.schema = schema;
        b.keyColumn = keyColumn;
        b.where = where;
        b.whereParams = whereParams;
        b.destination = destination;
        b.chunkSize = chunkSize;
        b.targetChunkTime = targetChunkTime;
        b.workers = workers;
        b.throttle = throttle;
        return b.build();
    }

    /** Builds an {@link ArchiveJob}; validates each call. Not thread-safe. */
    public static final class Builder {
        private final String table;
        private final String archiveTable;
        private final String id;
        private String schema;
        private String keyColumn = "id";
        private String where;
        private List<Object> whereParams = List.of();
        private DataSource destination;
        private Integer chunkSize;
        private Duration targetChunkTime;
        private Integer workers;
        private Throttle throttle;

        private Builder(String table, String archiveTable, String jobId) {
            this.table = Checks.notBlank("table", table);
            this.archiveTable = Checks.notBlank("archiveTable", archiveTable);
            this.id = Checks.notBlank("jobId", jobId);
            if (jobId.length() > 170) {
                throw new IllegalArgumentException("An archive job id is at most 170 characters, was "
                        + jobId.length());
            }
        }

        /** The schema (PostgreSQL) or database (MariaDB) of both tables. */
        public Builder schema(String value) {
            this.schema = Checks.notBlank("schema", value);
            return this;
        }

        /** The integer key column ({@code id} unless set). */
        public Builder keyColumn(String value) {
            this.keyColumn = Checks.notBlank("keyColumn", value);
            return this;
        }

        /** The condition of the rows to move, with parameters: {@code "closed_at < ?", cutoff}. */
        public Builder where(String condition, Object... params) {
            this.where = Checks.notBlank("condition", condition);
            this.whereParams = Arrays.asList(params.clone());
            return this;
        }

        /** The archive is on another server, reached through this data source. */
        public Builder destination(DataSource value) {
            this.destination = Objects.requireNonNull(value, "destination");
            return this;
        }

        /** The first chunk's size in keys. */
        public Builder chunkSize(int keys) {
            this.chunkSize = Checks.inRange("chunkSize", keys, 1, 50_000);
            return this;
        }

        /** The time a chunk should take. */
        public Builder targetChunkTime(Duration value) {
            this.targetChunkTime = Checks.positive("targetChunkTime", value);
            return this;
        }

        /** Worker threads. */
        public Builder workers(int value) {
            this.workers = Checks.inRange("workers", value, 1, 64);
            return this;
        }

        /** How the job slows itself down. */
        public Builder throttle(Throttle value) {
            this.throttle = Objects.requireNonNull(value, "throttle");
            return this;
        }

        /**
         * Builds the job.
         *
         * @throws IllegalStateException without a condition (moving every row is a rename, not an archive)
         */
        public ArchiveJob build() {
            if (where == null) {
                throw new IllegalStateException("An archive job needs where(\"...\"): the rows to move");
            }
            return new ArchiveJob(this);
        }
    }
}
