package io.dbopt.transaction;

/**
 * What {@link TransactionManager#execute} does when the calling thread is already inside a transaction of the same
 * data source. With no outer transaction both start a new one.
 */
public enum Propagation {
    /**
     * Join the outer transaction: the work runs on its connection and commits or rolls back with it. It is never
     * retried on its own; a retryable failure marks the outer transaction for rollback and propagates, so the outer
     * transaction retries as a whole.
     */
    REQUIRED,
    /**
     * Join the outer transaction inside a savepoint: a failure rolls back to the savepoint and propagates, leaving
     * the outer transaction's earlier work intact (unless the failure is retryable, which dooms the outer one).
     */
    NESTED
}
