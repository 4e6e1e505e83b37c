package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DedicatedServer;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Outages of the server itself: a restart under load, and a server whose connections are all taken. Each dialect
 * gets an embedded server of this class's own ({@link DedicatedServer}); the shared servers are never touched.
 */
@DbTest
class ServerOutageIT {

    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    private static final Map<TestDialect, DedicatedServer> SERVERS = new EnumMap<>(TestDialect.class);

    private static synchronized DedicatedServer server(TestDialect dialect) {
        return SERVERS.computeIfAbsent(dialect, d -> d == TestDialect.POSTGRESQL ? DedicatedServer.startPostgres()
                : DedicatedServer.startMariaDb());
    }

    @AfterAll
    static synchronized void stopServers() {
        SERVERS.values().forEach(DedicatedServer::close);
        SERVERS.clear();
    }

    private static ConnectionPoolManager.Builder builder(TestDatabase db, String label) {
        return PoolTests.builder(db, label).poolTimeout(POOL_TIMEOUT).socketTimeout(SOCKET_TIMEOUT)
                .connectTimeout(Duration.ofSeconds(2));
    }

    @DialectTest
    @Timeout(240)
    void survivesARestartUnderLoadAndRecoversWithinTheAcquireTimeout(TestDialect dialect) throws Exception {
        DedicatedServer server = server(dialect);
        TestDatabase db = server.createDatabase("restart");
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try (ConnectionPoolManager pool = builder(db, "restart").poolSize(4).maxOverflow(4).build()) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong successes = new AtomicLong();
            AtomicLong longestCallNanos = new AtomicLong();
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                loops.add(clients.submit(() -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        try {
                            pool.withConnection(PoolTests::selectOne);
                            successes.incrementAndGet();
                        } catch (PoolException e) {
                            failures.add(e);
                        }
                        longestCallNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    }
                }));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> successes.get() > 200);
            server.stop();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> failures.size() > 32);
            server.start();
            long back = System.nanoTime();
            long before = successes.get();
            Awaitility.await().atMost(POOL_TIMEOUT.plusSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> successes.get() > before);
            Duration recovery = Duration.ofNanos(System.nanoTime() - back);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(20, TimeUnit.SECONDS);
            }
            assertThat(recovery).as("borrowing works again within the acquire timeout").isLessThan(POOL_TIMEOUT
                    .plusMillis(500));
            assertThat(Duration.ofNanos(longestCallNanos.get())).as("nothing hangs")
                    .isLessThan(POOL_TIMEOUT.plus(SOCKET_TIMEOUT).plusSeconds(2));
            assertThat(failures).allSatisfy(ServerOutageIT::assertTransient);

            Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreException(PoolException.class).untilAsserted(() -> {
                assertThat(pool.metrics().checkedOut()).isZero();
                Reconciliation r = pool.connectionHealth().reconcile();
                assertThat(r.poolActive()).isZero();
                assertThat(r.ownActiveOnServer()).isZero();
                assertThat(r.droppedByServer()).isEmpty();
                assertThat(r.ownSessionsOnServer()).isEqualTo(pool.metrics().total());
            });
        } finally {
            clients.shutdownNow();
            db.close();
        }
    }

    @DialectTest
    @Timeout(240)
    void saysTheServerIsOutOfConnectionsAndBacksOff(TestDialect dialect) throws Exception {
        DedicatedServer server = server(dialect);
        TestDatabase db = server.createDatabase("full");
        // PostgreSQL: a role limited to 3 sessions; MariaDB (run with skip-grant-tables): a low max_connections
        boolean postgres = dialect == TestDialect.POSTGRESQL;
        String user = postgres ? "dbopt_limited" : db.user();
        if (postgres) {
            db.execute("DROP ROLE IF EXISTS " + user, "CREATE ROLE " + user + " LOGIN CONNECTION LIMIT 3",
                    "GRANT ALL ON DATABASE " + db.name() + " TO " + user);
        } else {
            db.execute("SET GLOBAL max_connections = 8");
        }
        List<Connection> others = new ArrayList<>();
        try {
            // other clients take every session the server will give
            while (others.size() < 20) {
                try {
                    others.add(PoolTests.raw(db.server(), db.name(), user, ""));
                } catch (java.sql.SQLException full) {
                    assertThat(io.dbopt.core.SqlErrors.classify(full)).isEqualTo(ErrorKind.TOO_MANY_CONNECTIONS);
                    break;
                }
            }
            assertThat(others).hasSizeLessThan(20);
            try (ConnectionPoolManager pool = ConnectionPoolManager.builder()
                    .jdbcUrl(PoolTests.url(db)).username(user).poolName("t-full").poolSize(2).maxOverflow(0)
                    .poolTimeout(POOL_TIMEOUT).failFast(false).healthCheckInterval(Duration.ZERO).build()) {
                long attemptsBefore = attempts(pool);
                long t0 = System.nanoTime();
                PoolAcquireException e = (PoolAcquireException) catchThrowable(() ->
                        pool.dataSource().getConnection());
                long attempts = attempts(pool) - attemptsBefore;
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(POOL_TIMEOUT.plusSeconds(1));
                assertThat(e.failure()).isEqualTo(AcquireFailure.SERVER_OUT_OF_CONNECTIONS);
                assertThat(e.getMessage()).contains("out of connections").contains("backoff");
                assertThat(io.dbopt.core.SqlErrors.classify(e)).isEqualTo(ErrorKind.TOO_MANY_CONNECTIONS);
                assertThat(attempts).as("connection attempts in %s back off", POOL_TIMEOUT).isLessThan(20);

                others.remove(0).close();
                try (Connection c = pool.dataSource().getConnection()) {
                    assertThat(PoolTests.selectOne(c)).isEqualTo(1);
                }
            }
        } finally {
            for (Connection c : others) {
                c.close();
            }
            if (!postgres) {
                db.execute("SET GLOBAL max_connections = 200");
            }
            db.close();
        }
    }

    /** Connections the pool tried to open: opened plus failed. */
    private static long attempts(ConnectionPoolManager pool) {
        PoolSnapshot s = pool.metrics();
        return s.creations() + s.connectFailures();
    }

    private static void assertTransient(Throwable t) {
        assertThat(t).isInstanceOf(PoolException.class);
        PoolException e = (PoolException) t;
        boolean transientAcquire = e.getCause() instanceof PoolAcquireException a && a.failure().isTransient();
        boolean retryableStatement = e.errorCode() == PoolErrorCode.SQL_FAILED
                && e.errorKind().map(ErrorKind::retryable).orElse(false);
        assertThat(transientAcquire || retryableStatement).as("transient: %s", e.getMessage()).isTrue();
    }
}
