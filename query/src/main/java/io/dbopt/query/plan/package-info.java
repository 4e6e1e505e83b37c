/**
 * EXPLAIN on PostgreSQL and MariaDB read into one plan model, with insights on what makes a plan slow
 * ({@link io.dbopt.query.plan.ExecutionPlanAnalyzer}).
 */
package io.dbopt.query.plan;
