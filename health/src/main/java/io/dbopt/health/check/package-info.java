/**
 * The server checks of the health checker, one small class per check (or per family of checks sharing a query),
 * each over its own catalog query in {@code io/dbopt/health/sql/<dialect>/<check>.sql}. {@link
 * io.dbopt.health.check.CheckKind} names them; {@link io.dbopt.health.check.HealthCheck} is their shape. Checks are
 * created with their thresholds and run on the checker's own connection.
 */
package io.dbopt.health.check;
