package io.dbopt.query.assertions;

import io.dbopt.query.ProfilerScope;

/**
 * Query-count assertions for application tests, in the spirit of QuickPerf but without annotations: record a
 * scope, then assert on it. Needs AssertJ on the test class path (it is an optional dependency of dbopt-query).
 *
 * <pre>{@code
 * try (ProfilerScope scope = profiler.scope("list projects")) {
 *     service.listProjects();
 * }
 * QueryAssertions.assertThat(scope).hasSelectCount(2).hasNoNPlusOne().hasAllStatementsBound();
 * }</pre>
 */
public final class QueryAssertions {

    private QueryAssertions() {
    }

    /** Starts assertions on the statements of a scope (open or closed). */
    public static ScopeAssert assertThat(ProfilerScope scope) {
        return new ScopeAssert(scope);
    }
}
