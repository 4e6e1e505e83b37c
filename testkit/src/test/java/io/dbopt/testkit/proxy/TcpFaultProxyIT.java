package io.dbopt.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.awaitility.Awaitility;

@DbTest
class TcpFaultProxyIT {

    private static Connection connect(TestDatabase db, TcpFaultProxy proxy, int socketTimeoutSeconds)
            throws SQLException {
        String url = db.testDialect() == TestDialect.POSTGRESQL
                ? "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name() + "?connectTimeout=2&socketTimeout="
                        + socketTimeoutSeconds
                : "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + db.name() + "?connectTimeout=2000&socketTimeout="
                        + socketTimeoutSeconds * 1000;
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        return DriverManager.getConnection(url, p);
    }

    private static long selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @DialectTest
    void passesTrafficAndAddsDelay(TestDatabase db) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             Connection c = connect(db, proxy, 10)) {
            assertThat(selectOne(c)).isEqualTo(1);
            proxy.setDelay(Duration.ofMillis(150));
            long t0 = System.nanoTime();
            selectOne(c);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
            assertThat(proxy.openConnections()).isEqualTo(1);
        }
    }

    @DialectTest
    void blackholeLeadsToTheSocketTimeoutAndHealingRestoresService(TestDatabase db) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             Connection c = connect(db, proxy, 1)) {
            selectOne(c);
            proxy.setMode(FaultMode.BLACKHOLE);
            long t0 = System.nanoTime();
            Throwable failure = catchThrowable(() -> selectOne(c));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(SqlErrors.classify(failure)).isEqualTo(ErrorKind.CONNECTION_LOST);
            Throwable connectFailure = catchThrowable(() -> connect(db, proxy, 1).close());
            assertThat(connectFailure).isNotNull();
            proxy.heal();
            try (Connection fresh = connect(db, proxy, 5)) {
                assertThat(selectOne(fresh)).isEqualTo(1);
            }
        }
    }

    @DialectTest
    void resetIsAConnectionLoss(TestDatabase db) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             Connection c = connect(db, proxy, 5)) {
            selectOne(c);
            proxy.resetAll();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
            assertThat(SqlErrors.classify(catchThrowable(() -> selectOne(c)))).isEqualTo(ErrorKind.CONNECTION_LOST);
            proxy.setMode(FaultMode.RESET);
            assertThat(catchThrowable(() -> connect(db, proxy, 1).close())).isNotNull();
        }
    }

    @DialectTest
    void cutClosesOpenConnectionsAndCloseModeRefusesNewOnes(TestDatabase db) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             Connection c = connect(db, proxy, 5)) {
            selectOne(c);
            proxy.cutAll();
            assertThat(SqlErrors.classify(catchThrowable(() -> selectOne(c)))).isEqualTo(ErrorKind.CONNECTION_LOST);
            proxy.setMode(FaultMode.CLOSE);
            assertThat(catchThrowable(() -> connect(db, proxy, 1).close())).isNotNull();
            proxy.heal();
            try (Connection fresh = connect(db, proxy, 5)) {
                assertThat(selectOne(fresh)).isEqualTo(1);
            }
            assertThat(proxy.acceptedConnections()).isEqualTo(3);
        }
    }

    @DialectTest
    void cutAfterCommitLeavesTheOutcomeUnknownToTheClient(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS ledger (id int)", "DELETE FROM ledger");
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             Connection c = connect(db, proxy, 5)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ledger VALUES (1)");
            }
            proxy.cutAfterClientSends("COMMIT");
            Throwable failure = catchThrowable(c::commit);
            assertThat(SqlErrors.classify(failure)).isEqualTo(ErrorKind.CONNECTION_LOST);
            assertThat(proxy.cutPending()).isFalse();
        }
        // the server received the COMMIT: the row is there although the client saw a failure
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> db.queryLong("SELECT count(*) FROM ledger") == 1);
    }

    @DialectTest
    void swallowedCommitNeverReachesTheServerWhichKeepsTheTransactionOpen(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS ledger2 (id int)", "DELETE FROM ledger2");
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             Connection c = connect(db, proxy, 2)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ledger2 VALUES (1)");
            }
            proxy.swallowFromClientSends("COMMIT");
            Throwable failure = catchThrowable(c::commit);
            assertThat(SqlErrors.classify(failure)).isIn(ErrorKind.CONNECTION_LOST, ErrorKind.STATEMENT_TIMEOUT);
            assertThat(proxy.cutPending()).isFalse();
            // the server never saw COMMIT nor a close: the row is uncommitted while the link stays open
            assertThat(db.queryLong("SELECT count(*) FROM ledger2")).isZero();
            assertThat(proxy.openConnections()).isEqualTo(1);
        }
        // closing the proxy closes the server side: the open transaction is rolled back
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> db.queryLong("SELECT count(*) FROM ledger2") == 0);
    }
}
