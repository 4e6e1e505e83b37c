package io.dbopt.query;

import io.dbopt.core.ErrorKind;
import io.dbopt.query.sql.StatementKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One statement recorded in a {@link ProfilerScope}: a statement on its own, or one statement of a JDBC batch.
 * Carries no bind values.
 *
 * @param fingerprint the normalised text
 * @param kind what it does
 * @param tables the tables it names (lower-case keys)
 * @param duration how long it took, measured when it completed; a batch's duration is shared among its statements
 * @param rows rows read by the application (queries) or affected (writes)
 * @param error the kind of error when it failed
 * @param batchSize the size of the batch it ran in, 0 when it was not batched
 * @param bound whether no value was written into the SQL text (see {@link io.dbopt.query.sql.SqlFacts#bound()})
 * @param leadingWildcardLike whether its text has a LIKE pattern starting with a wildcard
 */
public record StatementRecord(String fingerprint, StatementKind kind, Set<String> tables, Duration duration,
                              long rows, Optional<ErrorKind> error, int batchSize, boolean bound,
                              boolean leadingWildcardLike) {

    /** Validates and copies. */
    public StatementRecord {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        tables = Set.copyOf(tables);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
    }

    /** Whether it ran inside a JDBC batch. */
    public boolean batched() {
        return batchSize > 0;
    }

    /** Whether it failed. */
    public boolean failed() {
        return error.isPresent();
    }
}
