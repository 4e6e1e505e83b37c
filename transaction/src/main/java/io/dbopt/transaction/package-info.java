/**
 * Transactions done right for PostgreSQL and MariaDB: {@link io.dbopt.transaction.TransactionManager} (commit,
 * rollback, connection restored, retry of deadlocks, serialization failures and lock timeouts only when safe),
 * {@link io.dbopt.transaction.IsolationLevelSelector} (isolation policy) and
 * {@link io.dbopt.transaction.IsolationAdvisor} (lost update and write skew risks),
 * {@link io.dbopt.transaction.DeadlockDetector} (blocking trees and deadlock capture),
 * {@link io.dbopt.transaction.TransactionMonitor} (open transactions and metrics) and
 * {@link io.dbopt.transaction.TenantContext} (tenant per transaction for row-level security).
 */
package io.dbopt.transaction;
