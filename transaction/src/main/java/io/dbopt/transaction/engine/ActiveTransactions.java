package io.dbopt.transaction.engine;

import io.dbopt.transaction.Transaction;
import io.dbopt.transaction.TransactionManager;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The transactions the current thread is inside, per data source, so that a nested {@link TransactionManager#execute}
 * call joins the outer one instead of opening a second connection and retrying on its own.
 */
final class ActiveTransactions {

    private static final ThreadLocal<Map<DataSource, Frame>> CURRENT = new ThreadLocal<>();

    private ActiveTransactions() {
    }

    static Frame current(DataSource dataSource) {
        Map<DataSource, Frame> frames = CURRENT.get();
        return frames == null ? null : frames.get(dataSource);
    }

    static void enter(DataSource dataSource, Frame frame) {
        Map<DataSource, Frame> frames = CURRENT.get();
        if (frames == null) {
            frames = new IdentityHashMap<>();
            CURRENT.set(frames);
        }
        frames.put(dataSource, frame);
    }

    static void leave(DataSource dataSource) {
        Map<DataSource, Frame> frames = CURRENT.get();
        if (frames != null) {
            frames.remove(dataSource);
            if (frames.isEmpty()) {
                CURRENT.remove();
            }
        }
    }

    /**
     * An outer transaction in progress.
     *
     * @param transaction its handle
     * @param plan how it runs
     */
    record Frame(AttemptTransaction transaction, Plan plan) {
    }
}
