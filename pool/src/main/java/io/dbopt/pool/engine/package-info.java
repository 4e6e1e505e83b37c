/**
 * The lending engine behind {@link io.dbopt.pool.ConnectionPoolManager}: {@link io.dbopt.pool.engine.ManagedPool}
 * lends HikariCP's connections wrapped in {@link io.dbopt.pool.engine.PooledConnection}s and books each borrow in the
 * borrowing thread's own state ({@link io.dbopt.pool.engine.Borrowers}), so the borrow path shares nothing between
 * threads; {@link io.dbopt.pool.engine.LeakScanner} reads those states off the borrow path; counters, gauges, the
 * event log and the monitor thread live here too. Knows nothing of tenants, sizing or the server's view: those
 * packages build on this one.
 */
package io.dbopt.pool.engine;
