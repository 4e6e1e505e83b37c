package io.dbopt.pool.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.SizingPolicy;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;

/**
 * The sizer's count of borrowers against real servers: each borrower once, however the sample falls between a
 * thread's wait and its lend. HikariCP counts a thread as waiting until its borrow returns, while the connection it
 * took already counts as lent; lent plus waiting, read from HikariCP, counted that thread twice.
 */
@DbTest
class BorrowerCountIT {

    private static final int CLIENTS = 4;

    /**
     * 4 clients on 2 connections, each borrowing, running {@code SELECT 1} and returning in a loop: every sample of
     * the borrowers is at most 4, and some are 4. The old count, HikariCP's lent plus waiting, went to 5 or 6 within
     * the 3 s on both servers in each of 3 runs (the sample that once grew 4 clients to 5 connections).
     */
    @DialectTest
    @Timeout(60)
    void countsEachBorrowerOnceWhileConnectionsChangeHands(TestDatabase db) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        // an interval of an hour: the sizer never resizes during the test, only its count is read
        SizingPolicy policy = SizingPolicy.builder().interval(Duration.ofHours(1)).shrinkAfter(Duration.ofHours(2))
                .build();
        try (ConnectionPoolManager pool = builder(db).poolSize(2).maxOverflow(2).adaptiveSizing(policy).build()) {
            Sizer sizer = (Sizer) pool.sizer().orElseThrow();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                loops.add(clients.submit(() -> {
                    while (running.get()) {
                        pool.withConnection(c -> {
                            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT 1")) {
                                rs.next();
                            }
                            return null;
                        });
                    }
                    return null;
                }));
            }
            int most = 0;
            int fours = 0;
            int samples = 0;
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                int borrowers = sizer.borrowers();
                most = Math.max(most, borrowers);
                fours += borrowers == CLIENTS ? 1 : 0;
                samples++;
            }
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(20, TimeUnit.SECONDS);
            }
            assertThat(samples).isGreaterThan(1_000);
            assertThat(most).as("the most borrowers in %d samples", samples).isLessThanOrEqualTo(CLIENTS);
            assertThat(fours).as("samples that saw all 4 clients").isPositive();
        } finally {
            clients.shutdownNow();
        }
    }

    private static ConnectionPoolManager.Builder builder(TestDatabase db) {
        String url = (db.testDialect() == TestDialect.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://")
                + db.server().host() + ":" + db.server().port() + "/" + db.name();
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().poolName("t-borrowers")
                .applicationName("dbopt-t-borrowers-" + ProcessHandle.current().pid()).jdbcUrl(url)
                .username(db.user()).poolTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5)).healthCheckInterval(Duration.ZERO);
        if (!db.password().isEmpty()) {
            b.password(db.password());
        }
        return b;
    }
}
