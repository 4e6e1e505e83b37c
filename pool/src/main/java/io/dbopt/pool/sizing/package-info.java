/**
 * Adaptive sizing: {@link io.dbopt.pool.sizing.Sizer} samples the pool every interval and moves HikariCP's maximum
 * as the rule in {@code SizingController} decides (grow under sustained waiting while the database is not saturated,
 * shrink when connections sit idle, within the server's limit and the cluster budget).
 */
package io.dbopt.pool.sizing;
