package io.dbopt.query;

import io.dbopt.query.sql.StatementKind;
import java.util.Objects;

/**
 * An N+1 pattern: within one scope (a transaction or a {@link QueryProfiler#scope(String) named scope}), the same
 * fingerprint ran at least the threshold number of times, from the same call site, with different parameters.
 * Typically a loop that loads related rows one parent at a time.
 *
 * @param fingerprint the statement run in the loop
 * @param kind what it does
 * @param callSite where the loop runs
 * @param scope the name of the scope it was last seen in ({@code "transaction"} for transactions)
 * @param executions the most executions seen in one scope
 * @param occurrences in how many scopes it was seen
 * @param suggestion the batched form to use instead, one line
 */
public record NPlusOne(String fingerprint, StatementKind kind, CallSite callSite, String scope, int executions,
                       long occurrences, String suggestion) {

    /** Validates. */
    public NPlusOne {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(callSite, "callSite");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(suggestion, "suggestion");
    }
}
