/**
 * The metrics facade: components record through {@link io.dbopt.core.metrics.MetricsRecorder}, which is a no-op
 * unless the user hands over a Micrometer registry. Micrometer is an optional dependency.
 */
package io.dbopt.core.metrics;
