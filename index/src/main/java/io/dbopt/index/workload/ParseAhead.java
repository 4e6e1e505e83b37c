package io.dbopt.index.workload;

import io.dbopt.core.Dialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JSqlParser's parse of a workload's statements, started ahead on a thread of its own so that it runs while the
 * analysis waits for the server's catalog queries: in a fresh JVM JSqlParser's generated parser runs interpreted at
 * first, and the first parse of a few hundred statements cost about 0.4 s of CPU on the analysis's own thread.
 *
 * <p>The helper thread parses the statements in the workload's order; a caller who asks for a statement the thread
 * has not reached parses it itself (each statement is parsed once, by whichever thread claims it first), so asking
 * never waits for statements other than the one asked for. The parse of a statement does not depend on the catalog
 * or on which thread ran it: the answers are those of {@link QueryShapes#parse(String, Dialect, SchemaLookup)} on the
 * caller's thread. Thread-safe. {@link #close()} stops the helper after the statement it is parsing.
 */
public final class ParseAhead implements AutoCloseable {

    private final Map<String, Slot> slots;
    private final Dialect dialect;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ParseAhead(List<String> statements, Dialect dialect) {
        this.dialect = dialect;
        Map<String, Slot> map = new LinkedHashMap<>();
        for (String sql : statements) {
            map.putIfAbsent(sql, new Slot());
        }
        this.slots = map;
    }

    /**
     * Starts parsing the statements (duplicates once) on a daemon thread named {@code dbopt-index-parse}; with no
     * statements no thread is started.
     */
    public static ParseAhead start(List<String> statements, Dialect dialect) {
        ParseAhead ahead = new ParseAhead(List.copyOf(statements), dialect);
        if (!ahead.slots.isEmpty()) {
            Thread thread = new Thread(ahead::parseAll, "dbopt-index-parse");
            thread.setDaemon(true);
            thread.start();
        }
        return ahead;
    }

    /**
     * The parse of a statement given to {@link #start}: the helper thread's when it has claimed it (waiting for it
     * to finish that statement), else parsed now on the calling thread. A statement not given to {@link #start} is
     * parsed on the calling thread.
     */
    QueryShapes.Parsed parsed(String sql) {
        Slot slot = slots.get(sql);
        if (slot == null) {
            return QueryShapes.parseText(sql, dialect);
        }
        if (slot.claimed.compareAndSet(false, true)) {
            return slot.complete(sql, dialect);
        }
        QueryShapes.Parsed done = slot.done.join();
        // the helper failed with an Error: parse here, so that the caller sees what a parse on its thread does
        return done != null ? done : QueryShapes.parseText(sql, dialect);
    }

    private void parseAll() {
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            if (stopped.get()) {
                return;
            }
            Slot slot = e.getValue();
            if (slot.claimed.compareAndSet(false, true)) {
                slot.complete(e.getKey(), dialect);
            }
        }
    }

    /** Stops the helper thread after the statement it is parsing; later asks parse on the caller's thread. */
    @Override
    public void close() {
        stopped.set(true);
    }

    /** One statement: claimed by the first thread that parses it, its answer then given to every asker. */
    private static final class Slot {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<QueryShapes.Parsed> done = new CompletableFuture<>();

        QueryShapes.Parsed complete(String sql, Dialect dialect) {
            try {
                QueryShapes.Parsed parsed = QueryShapes.parseText(sql, dialect);
                done.complete(parsed);
                return parsed;
            } catch (Error e) {
                done.complete(null);
                throw e;
            }
        }
    }
}
