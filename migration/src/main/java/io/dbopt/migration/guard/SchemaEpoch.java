package io.dbopt.migration.guard;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter of schema changes made by this process: {@link io.dbopt.migration.MigrationFramework} advances it after
 * every migrate or rollback that changed something, and {@link CachedPlanGuard} compares it with what each pooled
 * connection has seen. Thread-safe.
 */
public final class SchemaEpoch {

    private final AtomicLong value = new AtomicLong();

    /** The current epoch; starts at 0. */
    public long current() {
        return value.get();
    }

    /** Records a schema change; returns the new epoch. */
    public long advance() {
        return value.incrementAndGet();
    }
}
