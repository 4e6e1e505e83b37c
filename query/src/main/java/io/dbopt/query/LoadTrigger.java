package io.dbopt.query;

/**
 * What made a statement run, as read from the stack frames between the application's call site and the JDBC call:
 * the application itself, or an ORM (Hibernate, and Spring Data JPA on top of it) loading on its behalf.
 */
public enum LoadTrigger {

    /** Application code ran the statement itself (plain JDBC, or no ORM frame between). */
    APPLICATION,

    /** An ORM ran a query the application asked for ({@code find}, a JPQL query, a repository method). */
    ORM_QUERY,

    /** The ORM initialised a lazy collection when the application first touched it. */
    LAZY_COLLECTION,

    /** The ORM initialised a lazy to-one proxy (or an enhanced entity's lazy attribute) when it was touched. */
    TO_ONE_PROXY,

    /** The ORM ran a follow-up select while reading another query's rows: an EAGER association not fetched in it. */
    EAGER_FOLLOW_UP,

    /** The ORM's batch loader loaded several keys at once ({@code @BatchSize}, {@code default_batch_fetch_size}). */
    BATCH_LOADER;

    /** Whether the ORM ran the statement on its own to load an association (anything but the first two). */
    public boolean isAssociationLoad() {
        return this != APPLICATION && this != ORM_QUERY;
    }
}
