package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.core.jdbc.ForwardingDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.proxy.FaultMode;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;

/**
 * Everything the manager runs on its own behalf (lock views, {@code SHOW ENGINE INNODB STATUS}, the deadlock count)
 * is bounded: against a server that stops answering (the fault proxy in blackhole mode, socket timeout 60 s) each call
 * fails within the catalog query timeout plus the network margin.
 */
@DbTest
@Timeout(90)
class OwnStatementTimeoutsIT {

    @DialectTest
    void ownStatementsFailWithinTheirBoundWhenTheServerStopsAnswering(TestDatabase db) throws Exception {
        boolean maria = db.testDialect() == TestDialect.MARIADB;
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             Connection through = DriverManager.getConnection(proxiedUrl(db, proxy), db.user(), db.password())) {
            DataSource one = new ForwardingDataSource(db.dataSource()) {
                @Override
                public Connection getConnection() {
                    return new ForwardingConnection(through) {
                        @Override
                        public void close() {
                            // the test closes it
                        }
                    };
                }
            };
            TransactionManager tm = TransactionManager.builder().dataSource(one).dialect(db.dialect())
                    .catalogQueryTimeout(Duration.ofSeconds(1)).build();
            List<Callable<Object>> calls = new ArrayList<>();
            calls.add(() -> tm.monitor().serverTransactions());
            calls.add(() -> tm.deadlockDetector().serverDeadlockCount());
            if (maria) {
                calls.add(() -> tm.deadlockDetector().latestServerDeadlock());
            }
            for (Callable<Object> call : calls) {
                call.call(); // answers while the route is up
            }
            proxy.setMode(FaultMode.BLACKHOLE);
            // one call: the connection is unusable afterwards (the driver closes it when its network timeout fires)
            long start = System.nanoTime();
            Throwable failure = catchThrowable(calls.get(calls.size() - 1)::call);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure).isInstanceOf(TransactionException.class);
            assertThat(((TransactionException) failure).errorCode()).isEqualTo(TransactionErrorCode.CAPTURE_FAILED);
            assertThat(took).as("1 s statement limit + 2 s network margin, not the 60 s socket timeout")
                    .isLessThan(Duration.ofSeconds(8));
        }
    }

    private static String proxiedUrl(TestDatabase db, TcpFaultProxy proxy) {
        return db.testDialect() == TestDialect.POSTGRESQL
                ? "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name() + "?connectTimeout=5&socketTimeout=60"
                : "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + db.name()
                        + "?connectTimeout=5000&socketTimeout=60000";
    }
}
