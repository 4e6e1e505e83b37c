package io.dbopt.pool.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's event log, SQLAlchemy's {@code echo_pool}: one line per checkout, return, creation, eviction and resize
 * on the logger {@code io.dbopt.pool.events}, each starting with the pool name. With {@code echo_pool} the lines are
 * written at INFO; without it at DEBUG, so setting that logger to DEBUG turns them on too. Whether the log is on is
 * read from the logger when the pool starts and then every 250 ms by the monitor ({@link #refresh()}), so a borrow
 * pays one field read. Thread-safe.
 */
public final class PoolEvents {

    /** The event log's own logger, named for what it carries rather than for a class. */
    static final Logger LOG = LoggerFactory.getLogger("io.dbopt.pool.events");

    private final String poolName;
    private final boolean echo;
    private volatile boolean on;

    /** The event log of one pool; {@code echo} writes at INFO. */
    public PoolEvents(String poolName, boolean echo) {
        this.poolName = poolName;
        this.echo = echo;
        refresh();
    }

    /** Reads the logger's level again. */
    public void refresh() {
        boolean now = echo ? LOG.isInfoEnabled() : LOG.isDebugEnabled();
        if (now != on) {
            on = now; // written only on a change, so borrowing threads keep their cached copy
        }
    }

    /** Whether lines are written; read on every borrow. */
    boolean on() {
        return on;
    }

    private void write(String format, Object... args) {
        if (echo) {
            LOG.info(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    void created(String connection) {
        if (on) {
            write("{} - create {}", poolName, connection);
        }
    }

    void closed(String connection, String reason) {
        if (on) {
            write("{} - evict {}{}", poolName, connection, reason == null ? "" : ": " + reason);
        }
    }

    void checkout(String connection, String thread, String state) {
        write("{} - checkout {} by thread {} ({})", poolName, connection, thread, state);
    }

    void checkin(String connection, long heldNanos) {
        write("{} - return {}{}", poolName, connection, heldNanos < 0 ? "" : " after " + heldNanos / 1_000 + " us");
    }

    /** An adaptive resize. */
    public void resized(int from, int to, String explanation) {
        if (on) {
            write("{} - resize {} -> {}: {}", poolName, from, to, explanation);
        }
    }
}
