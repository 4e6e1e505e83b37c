package io.dbopt.migration.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.core.jdbc.ForwardingDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/** The guard gives a borrowed connection back when preparing it fails. */
@DbTest
@Timeout(60)
class CachedPlanGuardLeakIT {

    /**
     * A one-connection "pool" that counts borrows not yet given back; closing a borrow returns it (rolled back) to
     * the pool.
     */
    private static final class OneConnectionPool extends ForwardingDataSource {
        final Connection physical;
        final AtomicInteger outstanding = new AtomicInteger();

        OneConnectionPool(TestDatabase db) throws SQLException {
            super(db.dataSource());
            physical = db.connection();
            physical.setAutoCommit(false);
        }

        @Override
        public Connection getConnection() {
            outstanding.incrementAndGet();
            return new ForwardingConnection(physical) {
                private boolean closed;

                @Override
                public <T> T unwrap(Class<T> iface) throws SQLException {
                    // as HikariCP does: the physical connection, so that the guard recognises it at the next borrow
                    return iface == Connection.class ? iface.cast(delegate) : super.unwrap(iface);
                }

                @Override
                public void close() throws SQLException {
                    if (!closed) {
                        closed = true;
                        outstanding.decrementAndGet();
                        delegate.rollback();
                    }
                }
            };
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void closesTheBorrowedConnectionWhenHealingFails(TestDatabase db) throws Exception {
        OneConnectionPool pool = new OneConnectionPool(db);
        try {
            SchemaEpoch epoch = new SchemaEpoch();
            CachedPlanGuard guard = CachedPlanGuard.wrap(pool, epoch);
            try (Connection c = guard.getConnection()) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(pool.outstanding).hasValue(0);

            // the connection comes back from the pool inside a failed transaction: DEALLOCATE ALL fails (25P02)
            epoch.advance();
            try (Statement st = pool.physical.createStatement()) {
                st.execute("SELECT 1 / 0");
            } catch (SQLException expected) {
                assertThat(expected.getSQLState()).isEqualTo("22012");
            }
            assertThatThrownBy(guard::getConnection).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25P02");
            assertThat(pool.outstanding).as("borrowed connections not given back").hasValue(0);

            // healed at the next borrow, once the transaction was rolled back
            try (Connection c = guard.getConnection()) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(guard.heals()).isEqualTo(1);
        } finally {
            pool.physical.close();
        }
    }
}
