package io.dbopt.query.recording;

import io.dbopt.query.CallSite;
import io.dbopt.query.NPlusOne;
import io.dbopt.query.RepeatedQuery;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The N+1 and repeated-query patterns reported by closed scopes and finished transactions, merged by fingerprint
 * and call site, at most 500 (least recently seen dropped). Thread-safe.
 */
final class Patterns {

    private static final Logger LOG = LoggerFactory.getLogger(Patterns.class);
    private static final int MAX_PATTERNS = 500;

    private final String profilerName;
    private final Map<String, Pattern> patterns = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > MAX_PATTERNS;
        }
    };

    Patterns(String profilerName) {
        this.profilerName = profilerName;
    }

    void report(ScopeState state) {
        List<ScopeState.Detection> found = state.detections();
        if (found.isEmpty()) {
            return;
        }
        synchronized (patterns) {
            for (ScopeState.Detection d : found) {
                String key = d.varied() + "\u0000" + d.shape().facts.fingerprint() + "\u0000" + d.callSite();
                Pattern p = patterns.get(key);
                if (p == null) {
                    p = new Pattern(d.shape(), d.callSite(), d.varied());
                    patterns.put(key, p);
                    if (d.varied()) {
                        LOG.info("{} - N+1: {} ran {} times in scope {} from {}", profilerName,
                                d.shape().facts.fingerprint(), d.executions(), state.name(), d.callSite());
                    }
                }
                p.occurrences++;
                p.executions = Math.max(p.executions, d.executions());
                p.scope = state.name();
            }
        }
    }

    List<NPlusOne> nPlusOne(boolean postgres) {
        synchronized (patterns) {
            return patterns.values().stream().filter(p -> p.varied)
                    .map(p -> nPlusOne(p.shape, p.callSite, p.scope, p.executions, p.occurrences, postgres))
                    .sorted(Comparator.comparingInt(NPlusOne::executions).reversed()).toList();
        }
    }

    int nPlusOneCount() {
        synchronized (patterns) {
            return (int) patterns.values().stream().filter(p -> p.varied).count();
        }
    }

    List<RepeatedQuery> repeated() {
        synchronized (patterns) {
            return patterns.values().stream().filter(p -> !p.varied)
                    .map(p -> new RepeatedQuery(p.shape.facts.fingerprint(), p.callSite, p.scope, p.executions,
                            p.occurrences))
                    .sorted(Comparator.comparingInt(RepeatedQuery::executions).reversed()).toList();
        }
    }

    void clear() {
        synchronized (patterns) {
            patterns.clear();
        }
    }

    static NPlusOne nPlusOne(Shape shape, CallSite site, String scope, int executions, long occurrences,
                                     boolean postgres) {
        return new NPlusOne(shape.facts.fingerprint(), shape.facts.kind(), site, scope, executions, occurrences,
                BatchAdvice.suggest(shape.facts, postgres));
    }

    /** A pattern seen in one or more scopes; guarded by the map. */
    private static final class Pattern {
        final Shape shape;
        final CallSite callSite;
        final boolean varied;
        int executions;
        long occurrences;
        String scope = "";

        Pattern(Shape shape, CallSite callSite, boolean varied) {
            this.shape = shape;
            this.callSite = callSite;
            this.varied = varied;
        }
    }
}
