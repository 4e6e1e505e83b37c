package io.dbopt.core.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Records into a Micrometer registry. Loaded only through {@link MicrometerSupport}. */
final class MicrometerRecorder implements MetricsRecorder {

    private final MeterRegistry registry;
    private final List<Meter> registered = new CopyOnWriteArrayList<>();
    /** Gauges and function meters hold their source weakly in Micrometer; keep them reachable while registered. */
    private final List<Supplier<Number>> gaugeSources = new CopyOnWriteArrayList<>();

    private MicrometerRecorder(MeterRegistry registry) {
        this.registry = registry;
    }

    static MetricsRecorder create(Object registry) {
        if (!(registry instanceof MeterRegistry meterRegistry)) {
            throw new IllegalArgumentException("Expected an io.micrometer.core.instrument.MeterRegistry, got "
                    + registry.getClass().getName());
        }
        return new MicrometerRecorder(meterRegistry);
    }

    @Override
    public Counter counter(String name, String description, String... tags) {
        MetricsRecorder.checkName(name);
        io.micrometer.core.instrument.Counter counter = io.micrometer.core.instrument.Counter.builder(name)
                .description(description).tags(Tags.of(tags)).register(registry);
        registered.add(counter);
        return new Counter() {
            @Override
            public void increment() {
                counter.increment();
            }

            @Override
            public void increment(double amount) {
                counter.increment(amount);
            }
        };
    }

    @Override
    public Summary summary(String name, String description, String baseUnit, String... tags) {
        MetricsRecorder.checkName(name);
        DistributionSummary summary = DistributionSummary.builder(name).description(description).baseUnit(baseUnit)
                .tags(Tags.of(tags)).register(registry);
        registered.add(summary);
        return summary::record;
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        MetricsRecorder.checkName(name);
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(name)
                .description(description).tags(Tags.of(tags)).publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        registered.add(timer);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void gauge(String name, String description, String baseUnit, Supplier<Number> value, String... tags) {
        MetricsRecorder.checkName(name);
        gaugeSources.add(value);
        Gauge gauge = Gauge.builder(name, value).description(description).baseUnit(baseUnit).tags(Tags.of(tags))
                .strongReference(true).register(registry);
        registered.add(gauge);
    }

    @Override
    public void functionCounter(String name, String description, String baseUnit, Supplier<Number> count,
                                String... tags) {
        MetricsRecorder.checkName(name);
        gaugeSources.add(count);
        FunctionCounter counter = FunctionCounter.builder(name, count, c -> c.get().doubleValue())
                .description(description).baseUnit(baseUnit).tags(Tags.of(tags)).register(registry);
        registered.add(counter);
    }

    @Override
    public void functionTimer(String name, String description, Supplier<Number> count, Supplier<Number> totalNanos,
                              String... tags) {
        MetricsRecorder.checkName(name);
        gaugeSources.add(count);
        gaugeSources.add(totalNanos);
        FunctionTimer timer = FunctionTimer.builder(name, count, c -> c.get().longValue(),
                        c -> totalNanos.get().doubleValue(), TimeUnit.NANOSECONDS)
                .description(description).tags(Tags.of(tags)).register(registry);
        registered.add(timer);
    }

    @Override
    public void close() {
        registered.forEach(registry::remove);
        registered.clear();
        gaugeSources.clear();
    }
}
