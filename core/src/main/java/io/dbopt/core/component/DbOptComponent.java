package io.dbopt.core.component;

/**
 * The shape every dbopt component shares: created from a {@link io.dbopt.core.config.DbOptConfig} or a builder, it
 * offers {@link #metrics()} (a snapshot), {@link #healthCheck()} (UP / DEGRADED / DOWN with details and findings) and
 * {@link #close()} (stops its background work and releases what it owns; idempotent).
 *
 * @param <M> the type of the component's metrics snapshot
 */
public interface DbOptComponent<M extends ComponentMetrics> extends AutoCloseable {

    /** The component's name as health results and meters show it ({@code pool}, {@code query}). */
    String componentName();

    /** The component's numbers now. Cheap enough to call on every scrape; never blocks on the database. */
    M metrics();

    /**
     * The component's health now. A component that must ask the database does so on a connection of its own or with a
     * short deadline, never waiting longer than its documented bound; it never throws, a failure is DOWN.
     */
    Health healthCheck();

    /** Stops background work and releases what the component owns; idempotent, never throws a checked exception. */
    @Override
    void close();
}
