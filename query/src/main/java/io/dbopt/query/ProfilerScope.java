package io.dbopt.query;

import io.dbopt.query.recording.Recorder;
import io.dbopt.query.recording.ScopeState;
import io.dbopt.query.sql.StatementKind;
import java.util.List;

/**
 * A named stretch of work on one thread (a web request, a test, a batch job step) whose statements the profiler
 * records one by one, for N+1 detection and for query-count assertions
 * ({@link io.dbopt.query.assertions.QueryAssertions}).
 *
 * <pre>{@code
 * try (ProfilerScope scope = profiler.scope("GET /projects")) {
 *     projectService.list();
 * }
 * }</pre>
 *
 * <p>Only statements run on the thread that opened the scope are recorded; scopes nest, the innermost one records.
 * While a named scope is open, transactions on that thread do not form scopes of their own. Up to 10,000
 * statements are kept. {@link #close()} reports N+1 patterns to the profiler and is idempotent. Not thread-safe:
 * use it on the thread that opened it; reading it after {@link #close()} from another thread is safe when the
 * close happened before in the usual Java sense.
 */
public final class ProfilerScope implements AutoCloseable {

    private final Recorder recorder;
    private final ScopeState state;

    ProfilerScope(Recorder recorder, ScopeState state) {
        this.recorder = recorder;
        this.state = state;
    }

    /** The name given when the scope was opened. */
    public String name() {
        return state.name();
    }

    /** Every statement recorded so far, in order (at most 10,000). */
    public List<StatementRecord> statements() {
        return state.statements();
    }

    /** How many statements of a kind ran, batched statements included. */
    public long count(StatementKind kind) {
        return state.count(kind);
    }

    /** How many statements ran in all. */
    public long total() {
        return state.total();
    }

    /** N+1 patterns (batched loading included, see {@link NPlusOne#batched()}) seen so far in this scope. */
    public List<NPlusOne> nPlusOne() {
        return state.nPlusOne(recorder.recordings().isPostgres(), recorder.entityMappings());
    }

    /**
     * N+1 patterns of at least {@code threshold} executions seen so far in this scope, whatever the profiler's own
     * threshold: tests with a handful of rows ask for 3.
     *
     * @param threshold 3 or more
     */
    public List<NPlusOne> nPlusOne(int threshold) {
        if (threshold < 3) {
            throw new IllegalArgumentException("threshold " + threshold + " is below 3: the call site of an N+1 is "
                    + "confirmed on the third execution; use 3 or more");
        }
        return state.nPlusOne(threshold, recorder.recordings().isPostgres(), recorder.entityMappings());
    }

    /** Statements repeated with identical parameters from one call site at least the threshold number of times. */
    public List<RepeatedQuery> repeatedQueries() {
        return state.repeatedQueries();
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return state.isClosed();
    }

    /** Ends the scope and reports its N+1 patterns to the profiler. */
    @Override
    public void close() {
        recorder.closeScope(state);
    }

    @Override
    public String toString() {
        return "ProfilerScope[" + name() + ", " + total() + " statements" + (isClosed() ? ", closed" : "") + "]";
    }
}
