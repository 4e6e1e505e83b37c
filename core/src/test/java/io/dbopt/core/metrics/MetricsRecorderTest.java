package io.dbopt.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

    @Test
    void recordsIntoMicrometer() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricsRecorder recorder = MetricsRecorder.micrometer(registry);
        recorder.counter("dbopt.test.count", "counts", "kind", "a").increment(2);
        recorder.timer("dbopt.test.time", "times").recordNanos(TimeUnit.MILLISECONDS.toNanos(5));
        recorder.gauge("dbopt.test.level", "level", "connections", () -> 7);
        assertThat(registry.get("dbopt.test.count").tag("kind", "a").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("dbopt.test.time").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
        assertThat(registry.get("dbopt.test.level").gauge().value()).isEqualTo(7.0);
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong(3);
        recorder.functionCounter("dbopt.test.done", "done", "rows", done::get, "kind", "b");
        recorder.functionTimer("dbopt.test.work", "work", done::get, () -> TimeUnit.MILLISECONDS.toNanos(12));
        done.addAndGet(2);
        assertThat(registry.get("dbopt.test.done").tag("kind", "b").functionCounter().count()).isEqualTo(5.0);
        assertThat(registry.get("dbopt.test.work").functionTimer().count()).isEqualTo(5.0);
        assertThat(registry.get("dbopt.test.work").functionTimer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12.0);
        recorder.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void refusesNamesOutsideTheScheme() {
        for (MetricsRecorder recorder : List.of(MetricsRecorder.noop(),
                MetricsRecorder.micrometer(new SimpleMeterRegistry()))) {
            for (String bad : List.of("c", "pool.acquire", "dbopt.Pool.acquire", "dbopt.pool", "dbopt.pool.acquire-time")) {
                assertThatThrownBy(() -> recorder.counter(bad, "d")).as(bad)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
            }
            recorder.summary("dbopt.test.rows", "rows per chunk", "rows").record(3);
        }
    }

    @Test
    void rejectsSomethingThatIsNotARegistry() {
        assertThatThrownBy(() -> MetricsRecorder.micrometer("registry"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MeterRegistry");
    }

    /**
     * Loads the recorder in a class loader that sees core's classes but not Micrometer's, the situation of a user
     * without Micrometer, and checks that the no-op path works and loads no Micrometer class.
     */
    @Test
    void noopWorksWithoutMicrometerOnTheClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("micrometer")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (IsolatingLoader loader = new IsolatingLoader(urls.toArray(URL[]::new))) {
            Class<?> api = loader.loadClass(MetricsRecorder.class.getName());
            Object recorder = api.getMethod("noop").invoke(null);
            Object counter = api.getMethod("counter", String.class, String.class, String[].class)
                    .invoke(recorder, "dbopt.test.count", "d", new String[0]);
            loader.loadClass(MetricsRecorder.Counter.class.getName()).getMethod("increment").invoke(counter);
            assertThat(loader.loadedMicrometer).isFalse();
            assertThatThrownBy(() -> api.getMethod("micrometer", Object.class).invoke(null, new Object()))
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .rootCause().hasMessageContaining("Micrometer is not on the class path");
        }
    }

    /** Child-first for io.dbopt classes, so they link against what this loader can see. */
    private static final class IsolatingLoader extends URLClassLoader {
        volatile boolean loadedMicrometer;

        IsolatingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.micrometer")) {
                loadedMicrometer = true;
            }
            return super.loadClass(name, resolve);
        }
    }
}
