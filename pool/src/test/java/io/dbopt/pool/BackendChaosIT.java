package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.testkit.DedicatedServer;
import io.dbopt.testkit.DedicatedServer.Signal;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults of single PostgreSQL backends under load, on an embedded server of this class's own: kill -9 of one backend
 * (the postmaster then ends every session with 57P02 and refuses new ones with 57P03 while it recovers from the
 * crash) and SIGSTOP / SIGCONT of one backend (a session that stops answering). The application's pool must come
 * through without a restart: every failure classified, reconnects bounded, no call hanging past the socket timeout.
 */
@Tag("long")
class BackendChaosIT {

    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    private static final int CLIENTS = 8;

    private static DedicatedServer server;
    private static TestDatabase db;

    @BeforeAll
    static void start() {
        server = DedicatedServer.startPostgres();
        db = server.createDatabase("chaos");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ConnectionPoolManager pool(String label) {
        return ConnectionPoolManager.builder().jdbcUrl(PoolTests.url(db)).username(db.user())
                .poolName("t-" + label).applicationName(PoolTests.appName(label)).poolSize(4).maxOverflow(4)
                .poolTimeout(POOL_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).connectTimeout(Duration.ofSeconds(2))
                .healthCheckInterval(Duration.ZERO).build();
    }

    /** Clients running {@code SELECT pg_backend_pid()} through the pool until stopped. */
    private static final class Load implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong successes = new AtomicLong();
        final AtomicLong longestCallNanos = new AtomicLong();
        final Queue<PoolException> failures = new ConcurrentLinkedQueue<>();
        final Set<Long> backends = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        final List<Future<?>> loops = new ArrayList<>();

        Load(ConnectionPoolManager pool) {
            for (int i = 0; i < CLIENTS; i++) {
                loops.add(threads.submit(() -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        try {
                            backends.add(pool.withConnection(BackendChaosIT::backendPid));
                            successes.incrementAndGet();
                        } catch (PoolException e) {
                            failures.add(e);
                        }
                        longestCallNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    }
                }));
            }
        }

        void awaitSuccesses(long more, Duration within) {
            long target = successes.get() + more;
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> successes.get() >= target);
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Future<?> f : loops) {
                f.get(30, TimeUnit.SECONDS);
            }
            threads.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killMinusNineOfOneBackendResetsEverySessionAndThePoolRecoversWithoutARestart() throws Exception {
        try (ConnectionPoolManager pool = pool("kill9"); Load load = new Load(pool)) {
            load.awaitSuccesses(200, Duration.ofSeconds(20));
            Set<Long> before = sessionsOf(pool);
            assertThat(before).isNotEmpty();
            long attemptsBefore = pool.metrics().creations() + pool.metrics().connectFailures();

            server.kill(before.iterator().next(), Signal.KILL);
            long t0 = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !load.failures.isEmpty());
            load.awaitSuccesses(50, Duration.ofSeconds(30));
            Duration recovery = Duration.ofNanos(System.nanoTime() - t0);
            long attempts = pool.metrics().creations() + pool.metrics().connectFailures() - attemptsBefore;
            load.close();

            // every session of the crash is gone: the pool lends only sessions opened after it
            Set<Long> after = sessionsOf(pool);
            assertThat(after).isNotEmpty().doesNotContainAnyElementsOf(before);
            assertThat(load.failures).allSatisfy(e -> {
                ErrorKind kind = e.errorKind().orElseGet(() -> SqlErrors.classify(e));
                assertThat(kind.connectionBroken() || kind == ErrorKind.SERVER_UNAVAILABLE || e.getCause()
                        instanceof PoolAcquireException a && a.failure().isTransient())
                        .as("classified as a lost session or an unavailable server: %s", e.getMessage()).isTrue();
            });
            assertThat(attempts).as("reconnect attempts during a %s recovery", recovery).isLessThan(200);
            assertThat(Duration.ofNanos(load.longestCallNanos.get())).as("no call hangs")
                    .isLessThan(POOL_TIMEOUT.plus(SOCKET_TIMEOUT).plusSeconds(2));
            assertThat(pool.withConnection(PoolTests::selectOne)).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFrozenBackendFailsItsCallerWithinTheSocketTimeoutWhileTheOthersCarryOn() throws Exception {
        try (ConnectionPoolManager pool = pool("sigstop"); Load load = new Load(pool)) {
            load.awaitSuccesses(200, Duration.ofSeconds(20));
            Set<Long> lent = new HashSet<>(sessionsOf(pool));
            lent.retainAll(load.backends);
            long frozen = lent.iterator().next();
            server.kill(frozen, Signal.STOP);
            try {
                // the other sessions keep serving while one is frozen
                load.awaitSuccesses(200, Duration.ofSeconds(10));
                Awaitility.await().atMost(SOCKET_TIMEOUT.plus(POOL_TIMEOUT).plusSeconds(10))
                        .until(() -> !load.failures.isEmpty());
            } finally {
                server.kill(frozen, Signal.CONT);
            }
            load.awaitSuccesses(100, Duration.ofSeconds(10));
            load.close();
            assertThat(Duration.ofNanos(load.longestCallNanos.get())).as("no call waits past the socket timeout")
                    .isLessThan(SOCKET_TIMEOUT.plusSeconds(2));
            assertThat(load.failures).allSatisfy(e -> assertThat(e.errorKind()).contains(ErrorKind.CONNECTION_LOST));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(sessionsOf(pool)).doesNotContain(frozen));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void signalsReachOnlyTheServersOwnProcesses() {
        // CONT is harmless should the guard ever fail
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.kill(ProcessHandle.current().pid(),
                Signal.CONT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refusing");
    }

    private static long backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The backend pids of the pool's sessions (its lent and idle connections and its monitor connection), as the
     * server lists them: on this server of the class's own, every client session but the asking one.
     */
    private static Set<Long> sessionsOf(ConnectionPoolManager pool) throws SQLException {
        Set<Long> pids = new HashSet<>();
        try (Connection admin = db.connection(); Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        }
        assertThat(pool.metrics().total()).isPositive();
        return pids;
    }
}
