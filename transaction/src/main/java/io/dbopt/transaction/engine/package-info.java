/**
 * The transaction engine: attempts on borrowed connections, commit, rollback, retries with backoff, nested work
 * joining an outer transaction, and the resolution of cut-off COMMITs. Used by {@code TransactionManager}; not an API.
 */
package io.dbopt.transaction.engine;
