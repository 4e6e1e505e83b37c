/**
 * Alerting: rules ({@link io.dbopt.health.alert.AlertRule}: a metric or a check, a threshold, a for-duration, a
 * severity, labels), the engine that turns evaluations into notifications with deduplication, cooldown and
 * resolution ({@link io.dbopt.health.alert.RuleEngine}), sinks ({@link io.dbopt.health.alert.AlertSinks}: SLF4J, a
 * webhook speaking Alertmanager's JSON, a callback), the dispatcher that sends them off the monitor's thread, and
 * coordination across application instances through the database or Redis
 * ({@link io.dbopt.health.alert.AlertCoordinator}).
 */
package io.dbopt.health.alert;
