/**
 * The action plan of the index findings: findings that share a root cause merged into one with one fix
 * ({@link io.dbopt.index.plan.RootCauses}).
 */
package io.dbopt.index.plan;
