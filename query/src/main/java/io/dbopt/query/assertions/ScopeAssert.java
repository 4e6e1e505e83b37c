package io.dbopt.query.assertions;

import io.dbopt.query.NPlusOne;
import io.dbopt.query.ProfilerScope;
import io.dbopt.query.RepeatedQuery;
import io.dbopt.query.StatementRecord;
import io.dbopt.query.sql.StatementKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions over the statements a {@link ProfilerScope} recorded: counts by kind, no N+1 (at a threshold
 * of the test's choosing, accepting batched loading or named call sites when asked), every value bound, no
 * leading-wildcard LIKE, writes batched. Not thread-safe (AssertJ assertions are used on one thread). Failure messages list the fingerprints involved (never values).
 * Obtain one from {@link QueryAssertions#assertThat(ProfilerScope)}.
 */
public final class ScopeAssert extends AbstractAssert<ScopeAssert, ProfilerScope> {

    private boolean acceptBatched;
    private final List<String> allowedSites = new java.util.ArrayList<>();

    ScopeAssert(ProfilerScope actual) {
        super(actual, ScopeAssert.class);
    }

    /** Exactly {@code expected} SELECT statements ran. */
    public ScopeAssert hasSelectCount(long expected) {
        return hasCount(StatementKind.SELECT, expected);
    }

    /** Exactly {@code expected} INSERT statements ran (each statement of a batch counts). */
    public ScopeAssert hasInsertCount(long expected) {
        return hasCount(StatementKind.INSERT, expected);
    }

    /** Exactly {@code expected} UPDATE statements ran (each statement of a batch counts). */
    public ScopeAssert hasUpdateCount(long expected) {
        return hasCount(StatementKind.UPDATE, expected);
    }

    /** Exactly {@code expected} DELETE statements ran (each statement of a batch counts). */
    public ScopeAssert hasDeleteCount(long expected) {
        return hasCount(StatementKind.DELETE, expected);
    }

    /** Exactly {@code expected} statements of {@code kind} ran. */
    public ScopeAssert hasCount(StatementKind kind, long expected) {
        isNotNull();
        long count = actual.count(kind);
        if (count != expected) {
            failWithMessage("Expected %d %s statements in scope <%s> but %d ran:%n%s", expected, kind,
                    actual.name(), count, list(actual.statements().stream().filter(r -> r.kind() == kind).toList()));
        }
        return this;
    }

    /** At most {@code max} statements ran in all. */
    public ScopeAssert hasAtMostStatements(long max) {
        isNotNull();
        if (actual.total() > max) {
            failWithMessage("Expected at most %d statements in scope <%s> but %d ran:%n%s", max, actual.name(),
                    actual.total(), list(actual.statements()));
        }
        return this;
    }

    /**
     * Accepts batched loading in {@link #hasNoNPlusOne()}: statements that already load many keys per round trip
     * (ORM batch fetching, {@code = any(?)}, IN lists) may repeat. One-key-per-parent loads still fail.
     */
    public ScopeAssert acceptingBatchedLoading() {
        acceptBatched = true;
        return this;
    }

    /**
     * Accepts N+1 patterns whose call site is {@code site} in {@link #hasNoNPlusOne()}: a class name
     * ({@code com.acme.ReportJob}), a method ({@code com.acme.ReportJob.export}) or a prefix of either.
     */
    public ScopeAssert allowingCallSite(String site) {
        allowedSites.add(java.util.Objects.requireNonNull(site, "site"));
        return this;
    }

    /** No N+1 pattern was seen, at the profiler's threshold. */
    public ScopeAssert hasNoNPlusOne() {
        isNotNull();
        return noNPlusOne(actual.nPlusOne());
    }

    /**
     * No statement ran {@code threshold} times or more from one call site with varying parameters: with test-sized
     * data, ask for 3 instead of the profiler's threshold.
     *
     * @param threshold 3 or more
     */
    public ScopeAssert hasNoNPlusOne(int threshold) {
        isNotNull();
        return noNPlusOne(actual.nPlusOne(threshold));
    }

    private ScopeAssert noNPlusOne(List<NPlusOne> all) {
        List<NPlusOne> found = all.stream().filter(n -> !(acceptBatched && n.batched()) && !allowed(n)).toList();
        if (!found.isEmpty()) {
            failWithMessage("Expected no N+1 in scope <%s> but found:%n%s", actual.name(), found.stream()
                    .map(n -> "  " + n.describe()).collect(Collectors.joining(System.lineSeparator())));
        }
        return this;
    }

    private boolean allowed(NPlusOne n) {
        String method = n.callSite().className() + "." + n.callSite().methodName();
        for (String site : allowedSites) {
            if (method.startsWith(site) || n.callSite().frame().startsWith(site)) {
                return true;
            }
        }
        return false;
    }

    /** No statement was repeated with identical parameters the threshold number of times. */
    public ScopeAssert hasNoRepeatedQueries() {
        isNotNull();
        List<RepeatedQuery> found = actual.repeatedQueries();
        if (!found.isEmpty()) {
            failWithMessage("Expected no repeated identical queries in scope <%s> but found:%n%s", actual.name(),
                    found.stream().map(r -> "  " + r.fingerprint() + " ran " + r.executions() + " times from "
                            + r.callSite() + "; " + r.suggestion()).collect(Collectors.joining(System.lineSeparator())));
        }
        return this;
    }

    /**
     * Every statement bound its values as parameters: none had a value written into its text (see
     * {@link io.dbopt.query.sql.SqlFacts#bound()}).
     */
    public ScopeAssert hasAllStatementsBound() {
        isNotNull();
        List<StatementRecord> unbound = actual.statements().stream().filter(r -> !r.bound()).toList();
        if (!unbound.isEmpty()) {
            failWithMessage("Expected every value bound as a parameter in scope <%s>, but these statements have "
                    + "values in their text:%n%s", actual.name(), list(unbound));
        }
        return this;
    }

    /** No statement used LIKE with a pattern starting with a wildcard written in its text. */
    public ScopeAssert hasNoLeadingWildcardLike() {
        isNotNull();
        List<StatementRecord> found = actual.statements().stream().filter(StatementRecord::leadingWildcardLike)
                .toList();
        if (!found.isEmpty()) {
            failWithMessage("Expected no LIKE with a leading wildcard in scope <%s> but found:%n%s", actual.name(),
                    list(found));
        }
        return this;
    }

    /** Every write statement that ran more than once ran inside a JDBC batch. */
    public ScopeAssert usesBatchingForWrites() {
        isNotNull();
        Map<String, long[]> byFingerprint = new LinkedHashMap<>(); // [executions, batched]
        for (StatementRecord r : actual.statements()) {
            if (r.kind().isDataChange()) {
                long[] c = byFingerprint.computeIfAbsent(r.fingerprint(), f -> new long[2]);
                c[0]++;
                if (r.batched()) {
                    c[1]++;
                }
            }
        }
        String unbatched = byFingerprint.entrySet().stream().filter(e -> e.getValue()[0] > 1
                        && e.getValue()[1] < e.getValue()[0])
                .map(e -> "  " + e.getKey() + " ran " + e.getValue()[0] + " times, " + (e.getValue()[0]
                        - e.getValue()[1]) + " outside a batch")
                .collect(Collectors.joining(System.lineSeparator()));
        if (!unbatched.isEmpty()) {
            failWithMessage("Expected repeated writes to be batched in scope <%s>:%n%s", actual.name(), unbatched);
        }
        return this;
    }

    /** Every statement of the scope ran inside a JDBC batch of at least {@code minimumBatchSize}. */
    public ScopeAssert hasWritesBatchedBy(int minimumBatchSize) {
        isNotNull();
        List<StatementRecord> small = actual.statements().stream().filter(r -> r.kind().isDataChange()
                && r.batchSize() < minimumBatchSize).toList();
        if (!small.isEmpty()) {
            failWithMessage("Expected writes in batches of at least %d in scope <%s> but found:%n%s",
                    minimumBatchSize, actual.name(), list(small));
        }
        return this;
    }

    private static String list(List<StatementRecord> records) {
        return records.stream().map(r -> "  " + r.kind() + " " + r.fingerprint() + (r.batched() ? " (batch of "
                        + r.batchSize() + ")" : ""))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
