package io.dbopt.query.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.core.jdbc.ForwardingPreparedStatement;
import io.dbopt.core.jdbc.ForwardingResultSet;
import io.dbopt.query.QueryProfiler;
import io.dbopt.query.recording.Recorder;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the profiler allocates per statement, measured in bytes the thread allocated
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}: exact, and not changed by the machine's load)
 * over many statement cycles on a stub driver that allocates nothing itself, after a warm-up. The budgets are the
 * sizes of the wrappers, measured the same way by allocating each wrapper alone; escape analysis can only lower what
 * a cycle allocates, never raise it, so the checks hold before and after the JIT compiled the cycle.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WrapperAllocationTest {

    private static final String SQL = "SELECT name FROM items WHERE id = ?";
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 50_000;
    /** Sampled work spread over the statements (a call site, an EXPLAIN sample one execution in 256). */
    private static final int TOLERANCE = 16;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final StubConnection stub = new StubConnection();
    private DataSource profiled;

    @BeforeEach
    void profile() {
        profiled = QueryProfiler.builder().slowQueryThreshold(Duration.ofHours(1)).build().instrument(stubSource());
    }

    @Test
    void aStatementAllocatesItsWrapperAndARowCountingResultSetOnly() throws SQLException {
        assumeThat(compressedOops()).as("sizes below assume compressed references (heaps under 32 GB)").isTrue();
        long statementWrapper = statementWrapperSize();
        try (Connection c = profiled.getConnection()) {
            statements(c, WARM_UP);
            long start = allocated();
            long sum = statements(c, MEASURED);
            double perStatement = (allocated() - start) / (double) MEASURED;

            assertThat(sum).isEqualTo(MEASURED);
            // beyond its own wrapper, a statement allocates a result set wrapper of a header, its delegate, its
            // statement and an int row count: 24 bytes (64 while it held the execution, which its statement now
            // holds; 32 with a long row count and a completion flag, which its statement's open result replaces)
            assertThat(perStatement).as("bytes per statement, statement wrapper %d B", statementWrapper)
                    .isLessThanOrEqualTo(statementWrapper + 24 + TOLERANCE);
            assertThat(resultSetWrapperSize()).isLessThanOrEqualTo(24);
        }
    }

    @Test
    void theStatementWrapperHoldsNothingItsConnectionHolds() {
        assumeThat(compressedOops()).as("sizes below assume compressed references (heaps under 32 GB)").isTrue();
        // a header, the delegate, the connection, the open result, the pending execution (shape, duration, SQL,
        // kept values, slow call site), the update count, the batch (made on the first addBatch), the SQL, the
        // shape, the parameter hash, the kept values and the bind state in one int: 80 bytes; 104 while it also
        // held the recorder (its connection's), the open result's parameter hash (unused once rows are read), a
        // flag beside the update count, the batch's array and size, and two flags and a count for the bind state
        assertThat(statementWrapperSize()).isLessThanOrEqualTo(80);
    }

    @Test
    void aTransactionalBorrowAllocatesNoTransactionScope() throws SQLException {
        long wrappers = connectionWrapperSize() + statementWrapperSize() + resultSetWrapperSize();
        transactions(WARM_UP);
        long start = allocated();
        long sum = transactions(MEASURED);
        double perBorrow = (allocated() - start) / (double) MEASURED;

        assertThat(sum).isEqualTo(MEASURED);
        // a borrow allocates its three wrappers; the transaction scope (with its table and an entry per fingerprint)
        // is the one the previous connection on this thread gave back, about 300 bytes per borrow before
        assertThat(perBorrow).as("bytes per transactional borrow, wrappers %d B", wrappers)
                .isLessThanOrEqualTo(wrappers + TOLERANCE);
        assertThat(stub.commits).isEqualTo(WARM_UP + MEASURED);
    }

    private static long statements(Connection c, int count) throws SQLException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setLong(1, i & 1023);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sum += rs.getLong(1);
                    }
                }
            }
        }
        return sum;
    }

    private long transactions(int count) throws SQLException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            try (Connection c = profiled.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(SQL)) {
                    ps.setLong(1, i & 1023);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sum += rs.getLong(1);
                        }
                    }
                }
                c.commit();
                c.setAutoCommit(true);
            }
        }
        return sum;
    }

    // ---- sizes of the wrappers, allocated alone -----------------------------------------------------------------

    private static final int SIZED = 1_000;

    private long connectionWrapperSize() {
        Recorder recorder = recorder();
        Object[] kept = new Object[SIZED];
        long start = allocated();
        for (int i = 0; i < SIZED; i++) {
            kept[i] = new ProfiledConnection(stub, recorder);
        }
        return (allocated() - start) / SIZED;
    }

    private long statementWrapperSize() {
        Recorder recorder = recorder();
        ProfiledConnection connection = new ProfiledConnection(stub, recorder);
        recorder.shape(SQL); // the shape is registered once, not per statement
        Object[] kept = new Object[SIZED];
        long start = allocated();
        for (int i = 0; i < SIZED; i++) {
            kept[i] = new ProfiledPreparedStatement<>(connection, stub.statement, SQL);
        }
        return (allocated() - start) / SIZED;
    }

    private long resultSetWrapperSize() {
        Recorder recorder = recorder();
        ProfiledStatement<?> statement = new ProfiledPreparedStatement<>(new ProfiledConnection(stub, recorder),
                stub.statement, SQL);
        Object[] kept = new Object[SIZED];
        long start = allocated();
        for (int i = 0; i < SIZED; i++) {
            kept[i] = new ProfiledResultSet(stub.statement.rows, statement);
        }
        return (allocated() - start) / SIZED;
    }

    private static Recorder recorder() {
        return new Recorder(new Recorder.Options("sizes", 100, List.of(), Duration.ofHours(1), false, true, 3, 64));
    }

    private long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static boolean compressedOops() {
        return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue());
    }

    // ---- a driver that allocates nothing: one connection, one statement, one result set of one row --------------

    private DataSource stubSource() {
        return unsupported(DataSource.class, "getConnection", stub);
    }

    /** A proxy that answers {@code method} with {@code value} and fails every other call (none is made). */
    private static <T> T unsupported(Class<T> type, String method, Object value) {
        return type.cast(Proxy.newProxyInstance(WrapperAllocationTest.class.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> {
                    if (m.getName().equals(method)) {
                        return value;
                    }
                    throw new UnsupportedOperationException(m.getName());
                }));
    }

    private static final class StubConnection extends ForwardingConnection {
        final StubStatement statement = new StubStatement();
        boolean autoCommit = true;
        long commits;

        StubConnection() {
            super(unsupported(Connection.class, "none", null));
        }

        @Override
        public PreparedStatement prepareStatement(String sql) {
            return statement;
        }

        @Override
        public DatabaseMetaData getMetaData() {
            return (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DatabaseMetaData.class}, (p, m, args) -> switch (m.getName()) {
                        case "getDatabaseProductName" -> "PostgreSQL";
                        case "getDatabaseProductVersion" -> "15";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        @Override
        public boolean getAutoCommit() {
            return autoCommit;
        }

        @Override
        public void setAutoCommit(boolean value) {
            autoCommit = value;
        }

        @Override
        public void commit() {
            commits++;
        }

        @Override
        public void close() {
            // the one connection of the stub stays open
        }
    }

    private static final class StubStatement extends ForwardingPreparedStatement<PreparedStatement> {
        final StubResultSet rows = new StubResultSet();

        StubStatement() {
            super(unsupported(PreparedStatement.class, "none", null));
        }

        @Override
        public void setLong(int parameterIndex, long x) {
            // nothing to bind
        }

        @Override
        public ResultSet executeQuery() {
            rows.position = 0;
            return rows;
        }

        @Override
        public void close() {
            // reused by the next prepareStatement
        }
    }

    private static final class StubResultSet extends ForwardingResultSet {
        int position;

        StubResultSet() {
            super(unsupported(ResultSet.class, "none", null));
        }

        @Override
        public boolean next() {
            return ++position == 1;
        }

        @Override
        public long getLong(int columnIndex) {
            return 1L;
        }

        @Override
        public void close() {
            // reused by the next execution
        }
    }
}
