/**
 * Tenant bulkheads on one shared pool: {@link io.dbopt.pool.tenant.TenantGate} takes a tenant's permit before it
 * asks the pool, so a flooding tenant waits behind its own limit, and gives it back when the connection returns.
 */
package io.dbopt.pool.tenant;
