package io.dbopt.transaction;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A transaction running right now in this process, as the {@link TransactionMonitor} registry shows it.
 *
 * @param id a number unique within the manager
 * @param name the transaction's name
 * @param isolation its isolation level
 * @param tenantSet whether it runs as a tenant (the id itself is not exposed here)
 * @param attempt which attempt is running, 1 for the first
 * @param thread the name of the thread running it
 * @param startedAt when its first attempt started
 */
public record OpenTransaction(long id, String name, Isolation isolation, boolean tenantSet, int attempt,
                              String thread, Instant startedAt) {

    /** Validates. */
    public OpenTransaction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** How long it has been open, measured against {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(startedAt, now);
    }
}
