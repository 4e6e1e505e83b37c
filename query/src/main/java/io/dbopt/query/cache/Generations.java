package io.dbopt.query.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process generation counters per table: an entry remembers the counters of its tables when it started loading
 * and is fresh while they are unchanged. A write bumps its tables; a write to unknown tables bumps every table.
 * Thread-safe.
 */
final class Generations {

    private final Map<String, AtomicLong> tables = new ConcurrentHashMap<>();
    private final AtomicLong all = new AtomicLong();

    /** The counters of the tables, with the "every table" counter first. */
    long[] snapshot(List<String> names) {
        long[] values = new long[names.size() + 1];
        values[0] = all.get();
        for (int i = 0; i < names.size(); i++) {
            AtomicLong g = tables.get(names.get(i));
            values[i + 1] = g == null ? 0 : g.get();
        }
        return values;
    }

    boolean unchanged(List<String> names, long[] snapshot) {
        if (snapshot[0] != all.get()) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            AtomicLong g = tables.get(names.get(i));
            if ((g == null ? 0 : g.get()) != snapshot[i + 1]) {
                return false;
            }
        }
        return true;
    }

    void bump(Iterable<String> names) {
        for (String name : names) {
            tables.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
        }
    }

    void bumpAll() {
        all.incrementAndGet();
    }
}
