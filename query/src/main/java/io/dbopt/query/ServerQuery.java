package io.dbopt.query;

import java.time.Duration;
import java.util.Objects;

/**
 * One statement as the server's own statistics see it ({@code pg_stat_statements}, or MariaDB's
 * {@code performance_schema} digests), since those statistics were last reset.
 *
 * @param id the server's identifier ({@code queryid} or {@code DIGEST})
 * @param fingerprint the statement text normalised by dbopt ({@code ?} for every value), so it is safe to report
 * @param text the server's normalised text ({@code $1} or {@code ?} for constants), as the server keeps it; utility
 *     statements can hold literals there, so it is passed through password redaction and should not be logged
 * @param calls how many times it ran
 * @param total the summed execution time
 * @param mean the mean execution time
 * @param rows rows returned or affected
 * @param rowsExamined rows read (MariaDB), or shared buffers touched (PostgreSQL)
 * @param withoutIndex executions that used no (good) index (MariaDB; 0 on PostgreSQL)
 * @param spills temporary disk tables (MariaDB) or temporary blocks written (PostgreSQL)
 */
public record ServerQuery(String id, String fingerprint, String text, long calls, Duration total, Duration mean,
                          long rows, long rowsExamined, long withoutIndex, long spills) {

    /** Validates. */
    public ServerQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(mean, "mean");
    }
}
