/**
 * Connection pooling on HikariCP for PostgreSQL and MariaDB: {@link io.dbopt.pool.ConnectionPoolManager#builder()}
 * builds (or adopts) a pool with safe defaults, {@link io.dbopt.pool.PoolMetrics} and
 * {@link io.dbopt.pool.PoolMeterBinder}, {@link io.dbopt.pool.ConnectionHealthCheck} (validation, reconciliation
 * with the server, leak reports), {@link io.dbopt.pool.AdaptivePoolSizer} and
 * {@link io.dbopt.pool.TenantBulkheads}; {@link io.dbopt.pool.PoolDoctorSection} contributes the doctor's
 * "Connection pool" section.
 */
package io.dbopt.pool;
