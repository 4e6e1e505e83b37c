package io.dbopt.query.recording;

import java.util.ArrayList;
import java.util.List;

/**
 * Per thread, the statements run outside any named scope or transaction since the thread's last transaction or scope
 * ended: where an ORM's lazy loads after the transaction (open session in view) are found. A pattern is reported
 * when it reaches the threshold, and the group starts afresh (reporting its final counts) when a transaction or
 * scope ends on the thread, or when it tracks 256 fingerprints. Patterns of application code are left out: without a
 * scope, nothing tells one request's loop from the same statement run once per request. Thread-safe (each thread
 * has its own group).
 */
final class OutsideGroups {

    /** The scope name of a thread's ORM loads outside any scope or transaction. */
    static final String OUTSIDE = "outside transaction";
    private static final int MAX_TRACKED = 256;

    private final int threshold;
    private final CallSites callSites;
    private final Patterns patterns;
    private final ThreadLocal<ScopeState> groups = new ThreadLocal<>();

    OutsideGroups(int threshold, CallSites callSites, Patterns patterns) {
        this.threshold = threshold;
        this.callSites = callSites;
        this.patterns = patterns;
    }

    /** Counts a statement run on this thread outside any scope or transaction. */
    void track(Shape shape, long parameterHash) {
        ScopeState group = groups.get();
        if (group == null) {
            group = new ScopeState(OUTSIDE, threshold, callSites, false);
            groups.set(group);
        } else if (group.tracked() >= MAX_TRACKED) {
            end();
        }
        if (group.track(shape, parameterHash) != threshold) {
            return;
        }
        ScopeState.Detection reached = group.reachedThreshold(shape);
        if (reached != null && reached.trigger().isAssociationLoad()) {
            patterns.report(OUTSIDE, List.of(reached));
        }
    }

    /** Reports this thread's group with its final counts and empties it. */
    void end() {
        ScopeState group = groups.get();
        if (group == null || group.tracked() == 0) {
            return;
        }
        List<ScopeState.Detection> found = new ArrayList<>();
        for (ScopeState.Detection d : group.detections()) {
            if (d.varied() && d.trigger().isAssociationLoad()) {
                found.add(d);
            }
        }
        patterns.report(OUTSIDE, found);
        group.reset();
    }
}
