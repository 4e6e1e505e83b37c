package io.dbopt.query.recording;

import io.dbopt.query.NPlusOne;
import io.dbopt.query.RepeatedQuery;
import io.dbopt.query.orm.EntityMappings;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The N+1 and repeated-query patterns reported by closed scopes, finished transactions and threads' lazy loads
 * outside both, merged by fingerprint and call site, at most 500 (least recently seen dropped). Thread-safe.
 */
final class Patterns {

    private static final Logger LOG = LoggerFactory.getLogger(Patterns.class);
    private static final int MAX_PATTERNS = 500;

    private final String profilerName;
    private volatile EntityMappings mappings = EntityMappings.none();
    private final Map<Key, Pattern> patterns = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Pattern> eldest) {
            return size() > MAX_PATTERNS;
        }
    };

    Patterns(String profilerName) {
        this.profilerName = profilerName;
    }

    void useMappings(EntityMappings value) {
        mappings = value;
    }

    EntityMappings mappings() {
        return mappings;
    }

    void report(ScopeState state) {
        report(state.name(), state.detections());
    }

    void report(String scope, List<ScopeState.Detection> found) {
        if (found.isEmpty()) {
            return;
        }
        synchronized (patterns) {
            for (ScopeState.Detection d : found) {
                FingerprintStats stats = d.shape().stats;
                Pattern p = stats.lastPattern instanceof Pattern last && last.key.matches(d)
                        && patterns.get(last.key) == last ? last : null; // a repeat of the last one: no key built
                if (p == null) {
                    Key key = new Key(d.varied(), d.shape().facts.fingerprint(), d.callSite());
                    p = patterns.get(key);
                    if (p == null) {
                        p = created(key, d, scope);
                    }
                    stats.lastPattern = p;
                }
                p.occurrences++;
                if (d.executions() >= p.detection.executions()) {
                    p.detection = d;
                }
                p.scope = scope;
            }
        }
    }

    /** A new pattern, logged when it is an N+1; called holding the map's lock. */
    private Pattern created(Key key, ScopeState.Detection d, String scope) {
        Pattern p = new Pattern(key, d);
        patterns.put(key, p);
        if (d.varied()) {
            LOG.info("{} - {}: {} ran {} times in scope {} from {} [{}]", profilerName,
                    d.batched() ? "batched loading" : "N+1", d.shape().facts.fingerprint(),
                d.executions(), scope, d.callSite(), d.trigger());
        }
        return p;
    }

    List<NPlusOne> nPlusOne(boolean postgres) {
        EntityMappings m = mappings;
        synchronized (patterns) {
            return patterns.values().stream().filter(p -> p.detection.varied())
                    .map(p -> nPlusOne(p.detection, p.scope, p.occurrences, postgres, m))
                    .sorted(Comparator.comparingInt(NPlusOne::executions).reversed()).toList();
        }
    }

    int nPlusOneCount() {
        synchronized (patterns) {
            return (int) patterns.values().stream().filter(p -> p.detection.varied()).count();
        }
    }

    List<RepeatedQuery> repeated() {
        synchronized (patterns) {
            return patterns.values().stream().filter(p -> !p.detection.varied())
                    .map(p -> repeated(p.detection, p.scope, p.occurrences))
                    .sorted(Comparator.comparingInt(RepeatedQuery::executions).reversed()).toList();
        }
    }

    void clear() {
        synchronized (patterns) {
            patterns.clear();
        }
    }

    static NPlusOne nPlusOne(ScopeState.Detection d, String scope, long occurrences, boolean postgres,
                             EntityMappings mappings) {
        String[] advice = OrmAdvice.nPlusOne(d.shape().facts, d.trigger(), d.batched(), d.executions(), d.keys(),
                postgres, mappings);
        return new NPlusOne(d.shape().facts.fingerprint(), d.shape().facts.kind(), d.callSite(), scope,
                d.executions(), occurrences, advice[0], d.trigger(), d.batched(), d.keys(), advice[1], advice[2]);
    }

    static RepeatedQuery repeated(ScopeState.Detection d, String scope, long occurrences) {
        return new RepeatedQuery(d.shape().facts.fingerprint(), d.callSite(), scope, d.executions(), occurrences,
                d.trigger(), OrmAdvice.repeated(d.trigger()));
    }

    /**
     * What patterns merge by. Its hash is computed once: a repeat of a fingerprint's last pattern finds it again
     * through {@link FingerprintStats#lastPattern} without building a key or hashing its call site.
     */
    private static final class Key {
        final boolean varied;
        final String fingerprint;
        final io.dbopt.query.CallSite site;
        private final int hash;

        Key(boolean varied, String fingerprint, io.dbopt.query.CallSite site) {
            this.varied = varied;
            this.fingerprint = fingerprint;
            this.site = site;
            this.hash = Objects.hash(varied, fingerprint, site);
        }

        /** Whether {@code d} merges into this key (its call site is usually the very same object). */
        boolean matches(ScopeState.Detection d) {
            return varied == d.varied() && (site == d.callSite() || site.equals(d.callSite()))
                    && fingerprint.equals(d.shape().facts.fingerprint());
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Key k && hash == k.hash && varied == k.varied
                    && fingerprint.equals(k.fingerprint) && site.equals(k.site);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A pattern seen in one or more scopes, with its largest detection; guarded by the map. */
    private static final class Pattern {
        final Key key;
        ScopeState.Detection detection;
        long occurrences;
        String scope = "";

        Pattern(Key key, ScopeState.Detection detection) {
            this.key = key;
            this.detection = detection;
        }
    }
}
