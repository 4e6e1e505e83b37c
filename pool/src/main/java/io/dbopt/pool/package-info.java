/**
 * Connection pooling on HikariCP for PostgreSQL and MariaDB. {@link io.dbopt.pool.ConnectionPoolManager} is the
 * entry point: {@code create(config)} from a {@link io.dbopt.core.config.DbOptConfig} ({@link io.dbopt.pool.PoolKeys})
 * or {@code builder()}; it offers the scopes {@code withConnection} and {@code inTransaction}, {@code metrics()}
 * ({@link io.dbopt.pool.PoolSnapshot}, meters named in {@link io.dbopt.pool.PoolMeters}) and {@code healthCheck()},
 * plus the {@link io.dbopt.pool.ConnectionHealthCheck}, the {@link io.dbopt.pool.AdaptivePoolSizer} and the
 * {@link io.dbopt.pool.TenantBulkheads}. This package holds only what users touch; the engines live in
 * {@code engine} (lending), {@code driver} (physical connections), {@code server} (the server's view),
 * {@code health}, {@code sizing}, {@code tenant} and {@code doctor}.
 */
package io.dbopt.pool;
