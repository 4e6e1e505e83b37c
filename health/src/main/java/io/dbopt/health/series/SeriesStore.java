package io.dbopt.health.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Named bounded time series, created on first sample. A listener hears of each new series once (to publish it as a
 * gauge). Memory is bounded by the number of series times the capacity. Thread-safe.
 */
public final class SeriesStore {

    private final int capacity;
    private final Map<String, Entry> series = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> onNewSeries;

    private record Entry(String unit, RingBuffer ring) {
    }

    /**
     * A store keeping {@code capacity} samples per series.
     *
     * @param onNewSeries called with the name and unit of each series when its first sample arrives
     */
    public SeriesStore(int capacity, BiConsumer<String, String> onNewSeries) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.capacity = capacity;
        this.onNewSeries = Objects.requireNonNull(onNewSeries, "onNewSeries");
    }

    /** Adds a sample; a NaN or infinite value is not recorded. */
    public void add(String name, String unit, Instant at, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        boolean[] created = {false};
        Entry e = series.computeIfAbsent(name, n -> {
            created[0] = true;
            return new Entry(unit, new RingBuffer(capacity));
        });
        e.ring().add(at, value);
        if (created[0]) {
            onNewSeries.accept(name, unit);
        }
    }

    /** The names of every series, sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>(series.keySet());
        names.sort(null);
        return names;
    }

    /** A copy of one series. */
    public Optional<TimeSeries> get(String name) {
        Entry e = series.get(name);
        return e == null ? Optional.empty() : Optional.of(new TimeSeries(name, e.unit(), e.ring().points()));
    }

    /** The newest value of a series; NaN when it has none. */
    public double latest(String name) {
        Entry e = series.get(name);
        return e == null ? Double.NaN : e.ring().latest();
    }

    /** The number of samples each series keeps. */
    public int capacity() {
        return capacity;
    }
}
