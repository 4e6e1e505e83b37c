/**
 * Throttling of chunked jobs: {@link io.dbopt.bulk.throttle.Throttle} (pause, rate ceiling, busy signals),
 * {@link io.dbopt.bulk.throttle.BusySignal} and the built-in {@link io.dbopt.bulk.throttle.BusySignals}
 * (replication lag, long transactions, an unhealthy dbopt component such as a saturated pool).
 */
package io.dbopt.bulk.throttle;
