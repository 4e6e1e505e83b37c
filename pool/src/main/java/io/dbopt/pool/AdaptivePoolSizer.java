package io.dbopt.pool;

import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingDecision.Reason;
import java.util.List;
import java.util.Optional;

/**
 * Resizes the HikariCP pool at run time between {@code pool_size} and {@code pool_size + max_overflow}: grows under
 * sustained waiting while the database is not saturated, shrinks when connections sit idle, with cooldowns and
 * hysteresis so it does not oscillate ({@link SizingPolicy} holds the knobs; docs/pool.md the rule). It never grows
 * to hide a suspected leak, and never plans past the server's {@code max_connections} minus the reserve or past the
 * cluster budget (the sessions all instances with the same application name hold). Every decision is counted by
 * action and reason; resizes are logged at INFO and kept in {@link #resizes()}; holds that need an operator are
 * logged at WARN at most once a minute.
 *
 * <p>Obtained from {@link ConnectionPoolManager#sizer()}; runs on the pool's monitor thread every
 * {@link SizingPolicy#interval()} until the pool is closed. Thread-safe.
 */
public interface AdaptivePoolSizer {

    /** The policy in force. */
    SizingPolicy policy();

    /** The pool's current maximum. */
    int currentSize();

    /** The latest decision, once the sizer has run. */
    Optional<SizingDecision> lastDecision();

    /** The most recent grows and shrinks (at most 200), oldest first. */
    List<SizingDecision> resizes();

    /** How many decisions of this action were taken for this reason since the pool started. */
    long decisions(Action action, Reason reason);

    /**
     * Looks at the interval since the last evaluation and decides now; the pool's monitor calls this every
     * {@link SizingPolicy#interval()}, tests and operators may call it too.
     */
    SizingDecision evaluate();
}
