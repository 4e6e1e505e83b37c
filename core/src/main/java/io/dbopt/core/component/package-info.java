/**
 * The shape every dbopt component shares: {@link io.dbopt.core.component.DbOptComponent} with {@code metrics()}
 * ({@link io.dbopt.core.component.ComponentMetrics}) and {@code healthCheck()}
 * ({@link io.dbopt.core.component.Health}, {@link io.dbopt.core.component.HealthStatus}), and
 * {@link io.dbopt.core.component.HealthJson}, which writes health in Spring Boot's actuator shape.
 */
package io.dbopt.core.component;
