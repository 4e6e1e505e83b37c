package io.dbopt.query;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a profiler recorded into findings, for {@link QueryProfiler#findings(int)} and the optimizer's health
 * check; never touches the database. Stateless.
 */
final class ProfiledFindings {

    private static final int MAX_NAME = 200;

    private ProfiledFindings() {
    }

    /**
     * One WARNING per N+1 pattern, about its call site, with the fix at the level of the code that caused it (JPA
     * for ORM loads, batched SQL for JDBC); batched loading (k round trips of n keys) is an INFO of its own.
     */
    static List<Finding> nPlusOne(List<NPlusOne> patterns) {
        List<Finding> findings = new ArrayList<>();
        for (NPlusOne n : patterns) {
            String what = n.batched()
                    ? "Batched loading: " + abbreviate(n.fingerprint(), 120) + " ran " + n.executions()
                    + " round trips of " + (n.keysPerRoundTrip() > 0 ? "about " + n.keysPerRoundTrip() : "several")
                    + " keys"
                    : "N+1: " + abbreviate(n.fingerprint(), 120) + " ran " + n.executions() + " times, once per "
                    + "parent row";
            Finding.Builder b = Finding.builder(n.batched() ? "query.batched-loading" : "query.n-plus-one",
                            n.batched() ? Severity.INFO : Severity.WARNING)
                    .object(DbObject.of(ObjectType.CALL_SITE, n.callSite().toString()))
                    .message(what + (n.association().isEmpty() ? "" : " (" + n.association() + ")") + " in scope "
                            + n.scope())
                    .evidence("executions", n.executions()).evidence("scopes", n.occurrences())
                    .evidence("scope", n.scope()).evidence("query", abbreviate(n.fingerprint(), MAX_NAME))
                    .evidence("trigger", n.trigger().name());
            if (!n.association().isEmpty()) {
                b.evidence("association", n.association());
            }
            if (!n.sqlSuggestion().equals(n.suggestion())) {
                b.evidence("sql_fix", n.sqlSuggestion());
            }
            findings.add(b.fix(Fix.advice(n.suggestion())).build());
        }
        return findings;
    }

    /** One INFO per statement repeated with the same parameters. */
    static List<Finding> repeated(List<RepeatedQuery> repeated) {
        List<Finding> findings = new ArrayList<>();
        for (RepeatedQuery r : repeated) {
            findings.add(Finding.builder("query.repeated-query", Severity.INFO)
                    .object(DbObject.of(ObjectType.CALL_SITE, r.callSite().toString()))
                    .message(abbreviate(r.fingerprint(), 120) + " ran " + r.executions() + " times with the same "
                            + "parameters in scope " + r.scope())
                    .evidence("executions", r.executions()).evidence("query", abbreviate(r.fingerprint(), MAX_NAME))
                    .evidence("trigger", r.trigger().name())
                    .fix(Fix.advice(r.suggestion())).build());
        }
        return findings;
    }

    /** INFO for the {@code top} heaviest fingerprints, WARNING for slow and failing ones. */
    static List<Finding> statements(List<QueryStats> all, Duration slowThreshold, int top) {
        List<Finding> findings = new ArrayList<>();
        for (QueryStats q : all.subList(0, Math.min(top, all.size()))) {
            Finding.Builder b = Finding.builder("query.top-profiled", Severity.INFO)
                    .object(query(q.fingerprint()))
                    .message("Profiled: " + q.executions() + " executions, " + q.total().toMillis() + " ms in all, p95 "
                            + millis(q.p95()) + " ms")
                    .evidence("executions", q.executions()).evidence("total", q.total()).evidence("mean", q.mean())
                    .evidence("p95", q.p95()).evidence("rows", q.rows());
            if (!q.callSites().isEmpty()) {
                b.evidence("call_site", q.callSites().get(0).toString());
            }
            findings.add(b.build());
        }
        for (QueryStats q : all) {
            if (q.executions() > 0 && !slowThreshold.isZero() && q.p95().compareTo(slowThreshold) >= 0) {
                findings.add(Finding.builder("query.slow", Severity.WARNING).object(query(q.fingerprint()))
                        .message("p95 of " + millis(q.p95()) + " ms is above the slow threshold of "
                                + slowThreshold.toMillis() + " ms")
                        .evidence("p95", q.p95()).evidence("executions", q.executions())
                        .fix(Fix.advice("see the plan insights for this query")).build());
            }
            if (q.errors() > 0) {
                findings.add(Finding.builder("query.errors", Severity.WARNING).object(query(q.fingerprint()))
                        .message(q.errors() + " of " + q.executions() + " executions failed")
                        .evidence("errors", q.errors()).evidence("executions", q.executions()).build());
            }
        }
        return findings;
    }

    /** A WARNING that too large a share of the statements was slow. */
    static Finding slowShare(String profiler, long slow, long statements, double maxShare, Duration slowThreshold) {
        return Finding.builder("query.slow-share", Severity.WARNING)
                .object(DbObject.of(ObjectType.QUERY, "statements of " + profiler))
                .message(slow + " of " + statements + " statements took at least " + slowThreshold.toMillis()
                        + " ms, more than the " + Math.round(maxShare * 100) + " % allowed")
                .evidence("slow_statements", slow).evidence("statements", statements)
                .evidence("max_slow_share", maxShare)
                .fix(Fix.advice("see the slow query log (io.dbopt.query.slow) and the plans of the slowest statements"))
                .build();
    }

    private static DbObject query(String fingerprint) {
        return DbObject.of(ObjectType.QUERY, abbreviate(fingerprint, MAX_NAME));
    }

    private static String abbreviate(String text, int max) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }
}
