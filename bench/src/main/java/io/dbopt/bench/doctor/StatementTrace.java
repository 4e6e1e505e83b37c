package io.dbopt.bench.doctor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Client-side statement timing for {@link DoctorScaleRun} ({@code DBOPT_BENCH_TRACE}): every prepared statement of the
 * wrapped data source is timed from its execution to the close of its result set, and the totals are kept by the
 * statement's first line (for the doctor's SQL resources, the comment naming the check). For finding slow statements
 * where the server's statement digest table is full; not thread-safe beyond what the counters need.
 */
final class StatementTrace {

    private record Total(LongAdder count, LongAdder nanos) {
    }

    private static final Map<String, Total> TOTALS = new ConcurrentHashMap<>();

    private StatementTrace() {
    }

    static DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (m, r, a) -> r instanceof Connection c ? connection(c) : r);
    }

    /** Prints the totals to standard error, most time first. */
    static void print() {
        System.err.println("statement trace (client side, execution to result set close):");
        TOTALS.entrySet().stream().sorted(Comparator.comparingLong(e -> -e.getValue().nanos().sum()))
                .forEach(e -> System.err.printf(Locale.ROOT, "  %9.1f ms %5d x  %s%n", e.getValue().nanos().sum() / 1e6,
                        e.getValue().count().sum(), e.getKey()));
    }

    private static Connection connection(Connection target) {
        return proxy(Connection.class, target, (m, r, a) -> m.getName().equals("prepareStatement")
                && r instanceof PreparedStatement ps && a[0] instanceof String sql ? statement(ps, label(sql)) : r);
    }

    private static PreparedStatement statement(PreparedStatement target, String label) {
        long[] started = new long[1];
        return proxy(PreparedStatement.class, target, (m, r, a) -> {
            if (m.getName().equals("executeQuery") && r instanceof ResultSet rs) {
                return proxy(ResultSet.class, rs, (rm, rr, ra) -> {
                    if (rm.getName().equals("close")) {
                        record(label, System.nanoTime() - started[0]);
                    }
                    return rr;
                });
            }
            if (m.getName().startsWith("execute") && !m.getName().equals("executeQuery")) {
                record(label, System.nanoTime() - started[0]);
            }
            return r;
        }, m -> {
            if (m.getName().startsWith("execute")) {
                started[0] = System.nanoTime();
            }
        });
    }

    private static void record(String label, long nanos) {
        Total t = TOTALS.computeIfAbsent(label, k -> new Total(new LongAdder(), new LongAdder()));
        t.count().increment();
        t.nanos().add(nanos);
    }

    private static String label(String sql) {
        String first = sql.strip().lines().filter(l -> l.strip().startsWith("--")).findFirst()
                .orElse(sql.strip().lines().findFirst().orElse(""));
        return first.length() > 110 ? first.substring(0, 110) : first;
    }

    private interface After {
        Object apply(Method method, Object result, Object[] args) throws Exception;
    }

    private interface Before {
        void accept(Method method);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return proxy(type, target, after, m -> {
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after, Before before) {
        return (T) Proxy.newProxyInstance(StatementTrace.class.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> {
                    before.accept(m);
                    Object r;
                    try {
                        r = m.invoke(target, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return after.apply(m, r, a);
                });
    }
}
