/**
 * Keeping pooled connections working across schema changes: {@link io.dbopt.migration.guard.CachedPlanGuard}.
 */
package io.dbopt.migration.guard;
