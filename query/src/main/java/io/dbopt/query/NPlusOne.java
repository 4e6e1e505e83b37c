package io.dbopt.query;

import io.dbopt.query.sql.StatementKind;
import java.util.Objects;

/**
 * An N+1 pattern: within one scope (a transaction, a {@link QueryProfiler#scope(String) named scope}, or a thread's
 * ORM lazy loads outside both), the same fingerprint ran at least the threshold number of times, from the same call
 * site, with different parameters. Typically a loop that loads related rows one parent at a time, or an ORM loading
 * a lazy association of each entity the loop touches.
 *
 * <p>When the statement already takes many keys at once (an {@code = any(?)} array, an IN list, an ORM batch
 * loader), the pattern is {@link #batched() batched loading}: k round trips of about n keys, which is what batch
 * fetching is meant to do; it is told apart so that tests can accept it.
 *
 * @param fingerprint the statement run in the loop
 * @param kind what it does
 * @param callSite where the loop runs (the first application frame, past ORM and proxy frames)
 * @param scope the name of the scope it was last seen in ({@code "transaction"} for transactions,
 *     {@code "outside transaction"} for a thread's lazy loads outside any scope)
 * @param executions the most executions seen in one scope
 * @param occurrences in how many scopes it was seen
 * @param suggestion what to do, one line: the JPA-level fix when an ORM ran it, else the batched SQL
 * @param trigger what made the statement run (application code, a lazy collection, a proxy, an EAGER follow-up...)
 * @param batched whether each execution already loaded many keys (k round trips of about n keys)
 * @param keysPerRoundTrip the most keys one execution bound in an IN list, 0 when not known (an array)
 * @param association the entity association that loaded ({@code Customer.rentals}) or the table and key column
 *     ({@code rentals.customer_id}) when no mapping is known; empty for statements that are not association loads
 * @param sqlSuggestion the batched SQL form, for plain JDBC code
 */
public record NPlusOne(String fingerprint, StatementKind kind, CallSite callSite, String scope, int executions,
                       long occurrences, String suggestion, LoadTrigger trigger, boolean batched,
                       int keysPerRoundTrip, String association, String sqlSuggestion) {

    /** Validates. */
    public NPlusOne {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(callSite, "callSite");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(suggestion, "suggestion");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(association, "association");
        Objects.requireNonNull(sqlSuggestion, "sqlSuggestion");
    }

    /** One line for logs and assertion messages: what ran how often from where, and what to do. */
    public String describe() {
        String what = batched
                ? executions + " round trips of " + (keysPerRoundTrip > 0 ? "about " + keysPerRoundTrip : "several")
                + " keys"
                : executions + " times, once per parent";
        return fingerprint + " ran " + what + (association.isEmpty() ? "" : " (" + association + ")") + " from "
                + callSite + " [" + trigger + "]; " + suggestion;
    }
}
