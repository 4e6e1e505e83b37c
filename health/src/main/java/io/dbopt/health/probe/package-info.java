/**
 * The health checker's own connection ({@link io.dbopt.health.probe.ProbeConnection}): never an application pool
 * slot, with connect, network, statement and lock timeouts, and the classification of why a probe failed
 * ({@link io.dbopt.health.probe.ProbeFailure}): refused, not answering, login failed.
 */
package io.dbopt.health.probe;
