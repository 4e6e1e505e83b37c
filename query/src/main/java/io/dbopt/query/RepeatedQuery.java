package io.dbopt.query;

import java.util.Objects;

/**
 * The same statement with the same parameters run again and again within one scope: each repetition returns what
 * the first did, so the result can be kept (or the loop restructured).
 *
 * @param fingerprint the repeated statement
 * @param callSite where it was run from, as far as sampling saw
 * @param scope the scope it was last seen in
 * @param executions the most executions seen in one scope
 * @param occurrences in how many scopes it was seen
 * @param trigger what made it run (an ORM query, application code, ...)
 * @param suggestion what to do instead, one line
 */
public record RepeatedQuery(String fingerprint, CallSite callSite, String scope, int executions, long occurrences,
                            LoadTrigger trigger, String suggestion) {

    /** Validates. */
    public RepeatedQuery {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(callSite, "callSite");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(suggestion, "suggestion");
    }
}
