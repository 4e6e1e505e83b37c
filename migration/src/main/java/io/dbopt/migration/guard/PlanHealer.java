package io.dbopt.migration.guard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link CachedPlanGuard} knows about each physical connection, and the healing itself: {@code DEALLOCATE ALL}
 * on borrow after the epoch moved, and the retry of a statement that failed with 0A000. Thread-safe.
 */
final class PlanHealer {

    private static final Logger LOG = LoggerFactory.getLogger(PlanHealer.class);
    private static final String CACHED_PLAN_STATE = "0A000";

    private final SchemaEpoch epoch;
    private final Map<Connection, State> states = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicLong heals = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    /** What the guard knows about one physical connection; used by one borrower at a time. */
    static final class State {
        final boolean postgres;
        long seenEpoch;
        boolean healPending;
        int statementsInTransaction;

        State(boolean postgres, long seenEpoch) {
            this.postgres = postgres;
            this.seenEpoch = seenEpoch;
        }
    }

    /** One execution of a statement, retried as a whole after healing. */
    @FunctionalInterface
    interface Execution<T> {
        T run() throws SQLException;
    }

    PlanHealer(SchemaEpoch epoch) {
        this.epoch = epoch;
    }

    long heals() {
        return heals.get();
    }

    long retries() {
        return retries.get();
    }

    /** Finds or creates the state of the borrowed connection's physical connection, and heals it when due. */
    State prepare(Connection connection) throws SQLException {
        Connection physical = connection.unwrap(Connection.class);
        State state;
        synchronized (states) {
            state = states.get(physical);
            if (state == null) {
                String product = connection.getMetaData().getDatabaseProductName();
                state = new State(product != null && product.toLowerCase(Locale.ROOT).contains("postgres"),
                        epoch.current());
                states.put(physical, state);
            }
        }
        state.statementsInTransaction = 0;
        if (state.postgres && (state.seenEpoch < epoch.current() || state.healPending)) {
            heal(connection, state);
        }
        return state;
    }

    /** Deallocates the connection's server-side prepared statements. */
    void heal(Connection connection, State state) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DEALLOCATE ALL");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        state.seenEpoch = epoch.current();
        state.healPending = false;
        heals.incrementAndGet();
        LOG.debug("cached-plan-guard - deallocated prepared statements of a connection after a schema change");
    }

    /** Runs one execution; on 0A000 heals the connection and retries when the transaction has nothing to lose. */
    <T> T execute(Connection connection, State state, Execution<T> execution) throws SQLException {
        try {
            T result = execution.run();
            state.statementsInTransaction++;
            return result;
        } catch (SQLException e) {
            if (!state.postgres || !CACHED_PLAN_STATE.equals(e.getSQLState())) {
                throw e;
            }
            if (state.seenEpoch >= epoch.current()) {
                // this connection is the first to notice a change made elsewhere: the others heal on borrow
                epoch.advance();
            }
            boolean retry;
            try {
                boolean autoCommit = connection.getAutoCommit();
                retry = autoCommit || state.statementsInTransaction == 0;
                if (retry) {
                    if (!autoCommit) {
                        connection.rollback();
                    }
                    heal(connection, state);
                }
            } catch (SQLException healFailure) {
                // a pool may have closed the connection already (HikariCP evicts on 0A000): report the original
                e.addSuppressed(healFailure);
                throw e;
            }
            if (!retry) {
                state.healPending = true;
                throw e;
            }
            retries.incrementAndGet();
            T result = execution.run();
            state.statementsInTransaction++;
            return result;
        }
    }
}
