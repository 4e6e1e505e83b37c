package io.dbopt.pool.server;

import io.dbopt.core.Redaction;
import io.dbopt.pool.engine.ManagedPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the server's view of the pool on a thread of its own, over one connection of its own (opened lazily, outside
 * the pool, with {@code /monitor} appended to the application name, and reopened after a failure), so the view can
 * be read while the pool is exhausted and a slow catalog never stalls leak detection or sizing. Every read is
 * bounded by a query timeout and a network timeout. Thread-safe; the connection is used by the monitor thread only.
 */
public final class ServerMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerMonitor.class);
    private static final long PROBE_MILLIS = 250;

    private final ManagedPool pool;
    private final Duration queryTimeout;
    private final ScheduledExecutorService executor;
    private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();
    private Connection connection;
    private volatile ServerView.Identity identity;
    private volatile ServerView.Snapshot latest;
    private volatile String lastFailure = "";
    private volatile boolean closed;

    /** A monitor of {@code pool}'s server; each catalog query is limited to {@code queryTimeout}. */
    public ServerMonitor(ManagedPool pool, Duration queryTimeout) {
        this.pool = pool;
        this.queryTimeout = queryTimeout;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, pool.name() + "-server-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Who the pool's sessions are on the server, once identified. */
    public Optional<ServerView.Identity> identity() {
        return Optional.ofNullable(identity);
    }

    /** The last view read, if any. */
    public Optional<ServerView.Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    /** Why the last read failed, empty after a success. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Identifies the pool's sessions in the background, so later reads need no pooled connection. */
    public void identifyLater() {
        if (closed) {
            return;
        }
        submit(() -> {
            try {
                identify();
            } catch (SQLException | RuntimeException e) {
                lastFailure = Redaction.redactDriverText(e);
                LOG.debug("{} - identifying the pool's sessions failed, will retry when needed: {}", pool.name(),
                        lastFailure);
            }
        });
    }

    /**
     * Starts probing the server (a plain connect every 250 ms, outside the pool) after a connection could not be
     * opened; when the server answers and the pool still lacks connections, HikariCP is told to refill at once.
     */
    public void probeUntilServerAnswers() {
        if (!closed && probing.compareAndSet(false, true)) {
            schedule(this::probe, PROBE_MILLIS);
        }
    }

    private void probe() {
        if (closed || !pool.starving()) {
            probing.set(false);
            return;
        }
        try (Connection c = pool.openMonitorConnection()) {
            probing.set(false);
            LOG.info("{} - the database answers again; refilling the pool now", pool.name());
            pool.refillNow();
        } catch (SQLException | RuntimeException e) {
            schedule(this::probe, PROBE_MILLIS);
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("{} - closing; background task dropped", pool.name());
        }
    }

    private void schedule(Runnable task, long millis) {
        try {
            executor.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            probing.set(false); // closing
        }
    }

    /** Validates the idle connections in the background (after a connection was lost). */
    public void sweepLater() {
        if (closed) {
            return;
        }
        submit(() -> {
            try {
                int evicted = pool.sweepIdle();
                if (evicted > 0) {
                    LOG.info("{} - a connection was lost; {} more dead connection(s) evicted", pool.name(), evicted);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("{} - validating idle connections failed: {}", pool.name(),
                        Redaction.redactDriverText(e));
            }
        });
    }

    /** Reads the server's view on the monitor thread. */
    public CompletableFuture<ServerView.Snapshot> refresh() {
        if (closed) {
            return CompletableFuture.failedFuture(new SQLException(pool.name() + " - the pool is closed"));
        }
        try {
            return CompletableFuture.supplyAsync(this::readOrFail, executor);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new SQLException(pool.name() + " - the pool is closed", e));
        }
    }

    private ServerView.Snapshot readOrFail() {
        try {
            return readNow();
        } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /** A view no older than {@code maxAge}, reading a new one when needed and waiting for it. */
    public ServerView.Snapshot fresh(Duration maxAge) throws SQLException {
        ServerView.Snapshot s = latest;
        if (s != null && s.age().compareTo(maxAge) <= 0) {
            return s;
        }
        return await(refresh());
    }

    /** Runs a task on the monitor thread and waits for it; so the pool's own borrows stay uncounted. */
    public <T> T call(SqlCallable<T> task) throws SQLException {
        if (closed) {
            throw new SQLException(pool.name() + " - the pool is closed");
        }
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(() -> {
                try {
                    return task.call();
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, executor);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new SQLException(pool.name() + " - the pool is closed", e);
        }
        return await(future);
    }

    private <T> T await(CompletableFuture<T> future) throws SQLException {
        long limit = queryTimeout.toMillis() * 3 + pool.config().poolTimeout().toMillis() + 1_000;
        try {
            return future.get(limit, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(pool.name() + " - interrupted while reading the server's view", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException(pool.name() + " - reading the server's view failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new SQLException(pool.name() + " - the server's view took longer than " + limit + " ms", "08000",
                    e);
        }
    }

    /** Reads the server's view on the calling thread, which must be the monitor thread (inside {@link #call}). */
    public ServerView.Snapshot readNow() throws SQLException {
        boolean reused = connection != null;
        try {
            return read();
        } catch (SQLException e) {
            closeConnection(e);
            if (reused && io.dbopt.core.SqlErrors.classify(e).connectionBroken()) {
                // the monitor's connection died with the server (restart, kill): one more try on a fresh one
                try {
                    return read();
                } catch (SQLException again) {
                    again.addSuppressed(e);
                    lastFailure = Redaction.redactDriverText(again);
                    closeConnection(again);
                    throw again;
                }
            }
            lastFailure = Redaction.redactDriverText(e);
            throw e;
        }
    }

    private ServerView.Snapshot read() throws SQLException {
        ServerView.Identity id = identify();
        Connection c = connection();
        ServerView.Capacity capacity = ServerView.capacity(c, id.dialect(), queryTimeout);
        List<ServerView.Session> sessions = ServerView.sessions(c, id, queryTimeout);
        int own;
        if (pool.ownsConnections()) {
            java.util.Set<Long> ids = new java.util.HashSet<>();
            pool.physical().forEach(t -> ids.add(t.sessionId()));
            own = (int) sessions.stream().filter(x -> ids.contains(x.id())).count();
        } else {
            own = Math.min(sessions.size(), pool.total());
        }
        ServerView.Snapshot s = new ServerView.Snapshot(Instant.now(), capacity, sessions, own);
        latest = s;
        lastFailure = "";
        return s;
    }

    /**
     * Identifies the pool's sessions once: over the monitor's own connection when dbopt opened the pool's connections
     * (it knows the application name it gave them), otherwise on a connection borrowed from the pool itself.
     */
    public ServerView.Identity identify() throws SQLException {
        ServerView.Identity id = identity;
        if (id != null) {
            return id;
        }
        if (pool.ownsConnections()) {
            ServerView.Identity monitorIdentity = ServerView.identify(connection(), queryTimeout);
            id = pool.ownsApplicationName() && monitorIdentity.attribution()
                    == ServerView.Attribution.APPLICATION_NAME
                    ? new ServerView.Identity(monitorIdentity.dialect(), pool.config().applicationName(),
                            monitorIdentity.user(), ServerView.Attribution.APPLICATION_NAME)
                    : monitorIdentity;
            return remember(id);
        }
        SQLException failure = null;
        for (int attempt = 0; attempt <= pool.currentMax() && id == null; attempt++) {
            Connection pooled = pool.borrowInternal(pool.config().poolTimeout());
            try {
                id = ServerView.identify(pooled, queryTimeout);
            } catch (SQLException | io.dbopt.core.DbOptException e) {
                SQLException sql = e instanceof SQLException s ? s
                        : new SQLException(pool.name() + " - identifying the pool's sessions failed", e);
                if (failure == null) {
                    failure = sql;
                } else {
                    failure.addSuppressed(sql);
                }
                // a dead pooled connection: evict it and try another one
                pool.evict(pooled);
            } finally {
                pooled.close();
            }
        }
        if (id == null) {
            throw failure;
        }
        return remember(id);
    }

    private ServerView.Identity remember(ServerView.Identity id) {
        identity = id;
        if (id.attribution() == ServerView.Attribution.USER) {
            LOG.info("{} - the server does not see an application name for this pool; its sessions (and the "
                    + "cluster budget) are counted by user {}", pool.name(), id.user());
        }
        return id;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Connection c = pool.openMonitorConnection();
            try {
                c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, queryTimeout.toMillis() + 1_000));
                c.setAutoCommit(true);
            } catch (SQLException e) {
                try {
                    c.close();
                } catch (SQLException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private void closeConnection(SQLException primary) {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                primary.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(queryTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("{} - closing the monitor connection: {}", pool.name(), e.getMessage());
            }
        }
    }

    /** A task that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlCallable<T> {
        /** Runs. */
        T call() throws SQLException;
    }
}
