package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.proxy.FaultMode;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.sql.Connection;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Network faults between the pool and the server, injected by the testkit's TCP proxy. */
@DbTest
class NetworkFaultIT {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SLACK = Duration.ofSeconds(1);

    @DialectTest
    void aSilentServerFailsCallsWithinTheTimeoutsAndThePoolRefillsAfterwards(TestDatabase db) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
             ConnectionPoolManager pool = PoolTests.builder(db, proxy, "blackhole").poolSize(2).maxOverflow(0)
                     .socketTimeout(SOCKET_TIMEOUT).connectTimeout(CONNECT_TIMEOUT).poolTimeout(POOL_TIMEOUT)
                     .build()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.metrics().total() == 2);
            // mid-query
            try (Connection c = pool.dataSource().getConnection()) {
                PoolTests.selectOne(c);
                proxy.setMode(FaultMode.BLACKHOLE);
                long t0 = System.nanoTime();
                Throwable failure = catchThrowable(() -> PoolTests.selectOne(c));
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SOCKET_TIMEOUT.plus(SLACK));
                assertThat(SqlErrors.classify(failure)).isEqualTo(ErrorKind.CONNECTION_LOST);
            }
            // while connecting: the idle connection fails validation, new ones cannot log in
            long t0 = System.nanoTime();
            PoolAcquireException e = (PoolAcquireException) catchThrowable(() -> pool.dataSource().getConnection());
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .isLessThan(POOL_TIMEOUT.plus(CONNECT_TIMEOUT).plus(SLACK));
            assertThat(e.failure()).isEqualTo(AcquireFailure.DATABASE_UNREACHABLE);
            assertThat(e.getMessage()).contains("database is unreachable");

            proxy.heal();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Connection c = pool.dataSource().getConnection()) {
                    assertThat(PoolTests.selectOne(c)).isEqualTo(1);
                }
                assertThat(pool.metrics().total()).isEqualTo(2);
            });
        }
    }

    @DialectTest
    void aResetIsAConnectionLossTheConnectionIsEvictedAndReplacedQuickly(TestDatabase db) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
             ConnectionPoolManager pool = PoolTests.builder(db, proxy, "reset").poolSize(2).maxOverflow(0)
                     .socketTimeout(SOCKET_TIMEOUT).build()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.metrics().total() == 2);
            long evictionsBefore = pool.metrics().evictions();
            try (Connection c = pool.dataSource().getConnection()) {
                PoolTests.selectOne(c);
                proxy.resetAll();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
                Throwable failure = catchThrowable(() -> PoolTests.selectOne(c));
                assertThat(SqlErrors.classify(failure)).isEqualTo(ErrorKind.CONNECTION_LOST);
            }
            long reset = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                assertThat(pool.metrics().evictions()).isGreaterThan(evictionsBefore);
                assertThat(pool.metrics().total()).isEqualTo(2);
            });
            assertThat(Duration.ofNanos(System.nanoTime() - reset)).isLessThan(Duration.ofMillis(1500));
            for (int i = 0; i < 4; i++) {
                try (Connection c = pool.dataSource().getConnection()) {
                    assertThat(PoolTests.selectOne(c)).isEqualTo(1);
                }
            }
        }
    }
}
