/**
 * Keeping the pool honest: {@link io.dbopt.pool.health.HealthChecker} reconciles the pool with the server's sessions,
 * validates idle connections and reports leaks; {@link io.dbopt.pool.health.PoolHealth} answers the component's
 * {@code healthCheck()} from memory; {@link io.dbopt.pool.health.PoolFindings} turns both into {@code pool.*}
 * findings.
 */
package io.dbopt.pool.health;
