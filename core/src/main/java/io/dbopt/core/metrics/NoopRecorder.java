package io.dbopt.core.metrics;

import java.util.function.Supplier;

/** Records nothing; shared handles so hot paths allocate nothing. */
final class NoopRecorder implements MetricsRecorder {

    static final NoopRecorder INSTANCE = new NoopRecorder();

    private static final Counter COUNTER = new Counter() {
        @Override
        public void increment() {
            // nothing is recorded without a registry
        }

        @Override
        public void increment(double amount) {
            // nothing is recorded without a registry
        }
    };
    private static final Timer TIMER = nanos -> {
        // nothing is recorded without a registry
    };
    private static final Summary SUMMARY = amount -> {
        // nothing is recorded without a registry
    };

    private NoopRecorder() {
    }

    @Override
    public Counter counter(String name, String description, String... tags) {
        MetricsRecorder.checkName(name);
        return COUNTER;
    }

    @Override
    public Summary summary(String name, String description, String baseUnit, String... tags) {
        MetricsRecorder.checkName(name);
        return SUMMARY;
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        MetricsRecorder.checkName(name);
        return TIMER;
    }

    @Override
    public void gauge(String name, String description, String baseUnit, Supplier<Number> value, String... tags) {
        MetricsRecorder.checkName(name);
    }

    @Override
    public void functionCounter(String name, String description, String baseUnit, Supplier<Number> count,
                                String... tags) {
        MetricsRecorder.checkName(name);
    }

    @Override
    public void functionTimer(String name, String description, Supplier<Number> count, Supplier<Number> totalNanos,
                              String... tags) {
        MetricsRecorder.checkName(name);
    }

    @Override
    public void close() {
        // nothing was registered
    }
}
