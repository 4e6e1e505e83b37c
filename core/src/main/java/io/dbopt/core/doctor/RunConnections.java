package io.dbopt.core.doctor;

import io.dbopt.core.jdbc.ForwardingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data source the doctor hands its sections for one run: it keeps up to {@code keep} physical connections of the
 * user's data source open for the whole run and lends them out again and again, so that the server builds its
 * per-session caches (PostgreSQL's catalog caches: a schema-wide size query took 355 ms on a new backend and 125 ms on
 * a warm one at 1,000 tables) once per run instead of once per connection.
 *
 * <p>A lent connection is a {@link LentConnection}: closing it closes the statements made through it, rolls back an
 * open transaction and puts back auto-commit, read-only, isolation, catalog and schema as they were when the physical
 * connection was opened; a connection that cannot be reset is closed and replaced by a new one on the next borrow.
 * A borrower that asks for another connection while all kept ones are lent out gets a connection of its own from the
 * user's data source, closed as usual. Thread-safe. {@link #close()} closes the kept connections, also one a borrower
 * never gave back (a section that failed without closing it); that one's later close does nothing more.
 */
final class RunConnections extends ForwardingDataSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunConnections.class);

    private final int keep;
    private final Deque<Kept> idle = new ArrayDeque<>();
    private final Set<Connection> out = new HashSet<>();
    private int open;
    private boolean closed;
    private int opened;
    private int lent;

    RunConnections(DataSource delegate, int keep) {
        super(delegate);
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        this.keep = keep;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Kept kept;
        synchronized (this) {
            lent++;
            kept = closed ? null : idle.pollFirst();
            if (kept == null && (closed || open >= keep)) {
                opened++;
                return delegate.getConnection();
            }
            if (kept == null) {
                open++;
                opened++;
            }
        }
        if (kept == null) {
            kept = openKept();
        }
        synchronized (this) {
            out.add(kept.connection());
        }
        return new LentConnection(kept.connection(), kept.state(), this::giveBack);
    }

    private Kept openKept() throws SQLException {
        Connection physical = null;
        try {
            physical = delegate.getConnection();
            return new Kept(physical, SessionState.of(physical));
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                open--;
            }
            if (physical != null) {
                closeQuietly(physical, e);
            }
            throw e;
        }
    }

    /** Takes a lent connection back: resets it and keeps it, or closes it when that fails or the run is over. */
    private void giveBack(Connection physical, SessionState state, boolean reusable) {
        synchronized (this) {
            if (!out.remove(physical)) {
                return; // taken back after its section or with the run: its borrower gave it back late
            }
        }
        boolean keepIt = false;
        if (reusable) {
            try {
                state.restore(physical);
                keepIt = true;
            } catch (SQLException | RuntimeException e) {
                LOG.debug("doctor - a kept connection could not be reset ({}); opening another",
                        e.getClass().getSimpleName());
            }
        }
        synchronized (this) {
            if (keepIt && !closed) {
                idle.addFirst(new Kept(physical, state));
                return;
            }
            open--;
        }
        closeQuietly(physical, null);
    }

    /**
     * Ends a section: closes the kept connections it did not give back (the next section then gets a new one instead
     * of a connection that may be mid-transaction), and after a failed section checks the idle ones and closes those
     * that no longer answer (a killed session, a lost socket), so that the next section gets a working connection.
     */
    void sectionDone(boolean failed, int timeoutSeconds) {
        List<Connection> leaked;
        List<Kept> check;
        synchronized (this) {
            leaked = new ArrayList<>(out);
            out.clear();
            open -= leaked.size();
            check = failed ? new ArrayList<>(idle) : List.of();
            idle.removeAll(check);
            check.forEach(k -> out.add(k.connection()));
        }
        if (!leaked.isEmpty()) {
            LOG.debug("doctor - a section did not close {} connection(s); closing", leaked.size());
            leaked.forEach(c -> closeQuietly(c, null));
        }
        for (Kept kept : check) {
            boolean valid;
            try {
                valid = kept.connection().isValid(timeoutSeconds);
            } catch (SQLException e) {
                LOG.debug("doctor - checking a kept connection failed ({}); replacing it", e.getClass().getSimpleName());
                valid = false;
            }
            giveBack(kept.connection(), kept.state(), valid);
        }
    }

    /**
     * Closes idle kept connections beyond the first {@code max} (the most recently given back stay): after sections
     * that ran in parallel, the next section running alone sees no other session of the doctor.
     */
    void keepAtMost(int max) {
        List<Kept> surplus = new ArrayList<>();
        synchronized (this) {
            while (idle.size() > max) {
                surplus.add(idle.pollLast());
            }
            open -= surplus.size();
        }
        surplus.forEach(k -> closeQuietly(k.connection(), null));
    }

    /** How many physical connections this run opened, and how many borrows it served (for the debug log). */
    synchronized String usage() {
        return opened + " connection(s) for " + lent + " borrow(s)";
    }

    /** Closes the kept connections, those a borrower never gave back included (the run is over). */
    @Override
    public void close() {
        List<Connection> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.forEach(k -> toClose.add(k.connection()));
            idle.clear();
            if (!out.isEmpty()) {
                LOG.debug("doctor - {} kept connection(s) not given back by a section; closing", out.size());
            }
            toClose.addAll(out);
            out.clear();
            open -= toClose.size();
        }
        toClose.forEach(c -> closeQuietly(c, null));
    }

    private static void closeQuietly(Connection connection, Exception primary) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                LOG.debug("doctor - closing a kept connection failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private record Kept(Connection connection, SessionState state) {
    }
}
