package io.dbopt.bulk.chunk;

import io.dbopt.bulk.throttle.Throttle;
import io.dbopt.core.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A chunked, resumable job over the integer key of one table: an UPDATE or backfill, a DELETE, a copy into another
 * table, or custom work per key range. The job's id names it in the checkpoint table: a job run again with the same
 * id resumes where it stopped, and several workers (threads here, or other application instances running the same
 * job) share it by claiming chunks with {@code FOR UPDATE SKIP LOCKED}.
 *
 * <pre>{@code
 * ChunkedJob job = ChunkedJob.update("tasks", "backfill-priority")
 *         .set("priority = ?", 3)
 *         .where("priority IS NULL")
 *         .targetChunkTime(Duration.ofMillis(500))
 *         .workers(2)
 *         .build();
 * JobResult r = bulk.chunkManager().run(job);
 * }</pre>
 *
 * <p>SQL fragments ({@code set}, {@code where}) are written by the developer, not taken from users: they go into the
 * statement as written, with their {@code ?} parameters bound. Table and column names are quoted by the dialect. The
 * key range covers the keys present when the job first started ({@code min..max} of the key among rows matching the
 * condition); rows inserted later above it are not visited. Immutable once built.
 */
public final class ChunkedJob {

    /** What the job does per chunk. */
    public enum Kind {
        /** {@code UPDATE table SET ... WHERE key in range AND (condition)}. */
        UPDATE,
        /** {@code DELETE FROM table WHERE key in range AND (condition)}. */
        DELETE,
        /** {@code INSERT INTO destination (columns) SELECT columns FROM table WHERE key in range AND (condition)}. */
        COPY,
        /** The caller's {@link ChunkWork}. */
        CUSTOM
    }

    final String id;
    final Kind kind;
    final String table;
    final String schema;
    final String keyColumn;
    final String setSql;
    final List<Object> setParams;
    final String whereSql;
    final List<Object> whereParams;
    final String destination;
    final List<String> columns;
    final ChunkWork custom;
    final Integer chunkSize;
    final Duration targetChunkTime;
    final Integer workers;
    final Throttle throttle;
    final String kindLabel;

    private ChunkedJob(Builder b) {
        this.id = b.id;
        this.kind = b.kind;
        this.table = b.table;
        this.schema = b.schema;
        this.keyColumn = b.keyColumn;
        this.setSql = b.setSql;
        this.setParams = List.copyOf(b.setParams);
        this.whereSql = b.whereSql;
        this.whereParams = List.copyOf(b.whereParams);
        this.destination = b.destination;
        this.columns = List.copyOf(b.columns);
        this.custom = b.custom;
        this.chunkSize = b.chunkSize;
        this.targetChunkTime = b.targetChunkTime;
        this.workers = b.workers;
        this.throttle = b.throttle;
        this.kindLabel = b.kindLabel;
    }

    /** An UPDATE (or backfill) job; give the assignments with {@link Builder#set}. */
    public static Builder update(String table, String jobId) {
        return new Builder(Kind.UPDATE, table, jobId);
    }

    /** A DELETE job; usually with a {@link Builder#where} condition. */
    public static Builder delete(String table, String jobId) {
        return new Builder(Kind.DELETE, table, jobId);
    }

    /** A copy of rows into {@code destination} on the same server; name the columns with {@link Builder#columns}. */
    public static Builder copy(String table, String destination, String jobId) {
        Builder b = new Builder(Kind.COPY, table, jobId);
        b.destination = Checks.notBlank("destination", destination);
        return b;
    }

    /** A job doing the caller's work for each key range. */
    public static Builder custom(String table, String jobId, ChunkWork work) {
        Builder b = new Builder(Kind.CUSTOM, table, jobId);
        b.custom = Objects.requireNonNull(work, "work");
        return b;
    }

    /** The job's id. */
    public String id() {
        return id;
    }

    /** What the job does. */
    public Kind kind() {
        return kind;
    }

    /** The table whose keys are chunked. */
    public String table() {
        return table;
    }

    /** The schema (PostgreSQL) or database (MariaDB) of the table, when given. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** The integer key column. */
    public String keyColumn() {
        return keyColumn;
    }

    /** The condition rows must meet, when one was given. */
    public Optional<String> where() {
        return Optional.ofNullable(whereSql);
    }

    /** The condition's parameters. */
    public List<Object> whereParams() {
        return whereParams;
    }

    /** The label progress and meters show ({@code update}, {@code delete}, {@code copy}, {@code archive}...). */
    public String kindLabel() {
        return kindLabel;
    }

    OptionalInt chunkSizeSet() {
        return chunkSize == null ? OptionalInt.empty() : OptionalInt.of(chunkSize);
    }

    /** A text that changes when the job's definition changes (checked on resume). */
    String definition() {
        return String.join("\u0000", kind.name(), String.valueOf(schema), table, keyColumn, String.valueOf(setSql),
                String.valueOf(whereSql), String.valueOf(destination), String.join(",", columns), kindLabel);
    }

    /** Builds a {@link ChunkedJob}; validates each call. Not thread-safe. */
    public static final class Builder {
        private final Kind kind;
        private final String table;
        private final String id;
        private String schema;
        private String keyColumn = "id";
        private String setSql;
        private List<Object> setParams = List.of();
        private String whereSql;
        private List<Object> whereParams = List.of();
        private String destination;
        private List<String> columns = List.of();
        private ChunkWork custom;
        private Integer chunkSize;
        private Duration targetChunkTime;
        private Integer workers;
        private Throttle throttle;
        private String kindLabel;

        private Builder(Kind kind, String table, String jobId) {
            this.kind = kind;
            this.table = Checks.notBlank("table", table);
            this.id = Checks.notBlank("jobId", jobId);
            if (jobId.length() > 190) {
                throw new IllegalArgumentException("jobId is at most 190 characters, was " + jobId.length());
            }
            this.kindLabel = kind.name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The schema (PostgreSQL) or database (MariaDB) of the table. */
        public Builder schema(String value) {
            this.schema = Checks.notBlank("schema", value);
            return this;
        }

        /** The integer key column the job walks ({@code id} unless set); it should be indexed. */
        public Builder keyColumn(String value) {
            this.keyColumn = Checks.notBlank("keyColumn", value);
            return this;
        }

        /** The assignments of an UPDATE job, e.g. {@code "status = ?, updated_at = now()"}, with parameters. */
        public Builder set(String assignments, Object... params) {
            if (kind != Kind.UPDATE) {
                throw new IllegalStateException("set() is for UPDATE jobs, this one is " + kind);
            }
            this.setSql = Checks.notBlank("assignments", assignments);
            this.setParams = Arrays.asList(params.clone());
            return this;
        }

        /** The condition rows must meet, e.g. {@code "closed_at < ?"}, with parameters. */
        public Builder where(String condition, Object... params) {
            this.whereSql = Checks.notBlank("condition", condition);
            this.whereParams = Arrays.asList(params.clone());
            return this;
        }

        /** The columns a COPY job copies (the same names in both tables). */
        public Builder columns(String... names) {
            List<String> list = new ArrayList<>();
            for (String n : names) {
                list.add(Checks.notBlank("column", n));
            }
            this.columns = List.copyOf(list);
            return this;
        }

        /** The first chunk's size in keys; {@code bulk.chunk_size} unless set. Later chunks adapt. */
        public Builder chunkSize(int keys) {
            this.chunkSize = Checks.inRange("chunkSize", keys, 1, 100_000_000);
            return this;
        }

        /** The time a chunk should take; the size adapts towards it. {@code bulk.chunk_target_time} unless set. */
        public Builder targetChunkTime(Duration value) {
            this.targetChunkTime = Checks.positive("targetChunkTime", value);
            return this;
        }

        /** Worker threads in this process; {@code bulk.workers} unless set. */
        public Builder workers(int value) {
            this.workers = Checks.inRange("workers", value, 1, 64);
            return this;
        }

        /** How the job slows itself down; the handler's throttle unless set. */
        public Builder throttle(Throttle value) {
            this.throttle = Objects.requireNonNull(value, "throttle");
            return this;
        }

        /** The label progress and meters show for the job's kind. */
        public Builder label(String value) {
            this.kindLabel = Checks.notBlank("label", value);
            return this;
        }

        /**
         * Builds the job.
         *
         * @throws IllegalStateException for an UPDATE without {@code set}, a COPY without columns
         */
        public ChunkedJob build() {
            if (kind == Kind.UPDATE && setSql == null) {
                throw new IllegalStateException("An UPDATE job needs set(\"column = ?\", value)");
            }
            if (kind == Kind.COPY && columns.isEmpty()) {
                throw new IllegalStateException("A COPY job needs columns(...) to copy");
            }
            return new ChunkedJob(this);
        }
    }
}
