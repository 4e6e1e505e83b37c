package io.dbopt.spring;

import io.dbopt.core.metrics.MetricsRecorder;

/**
 * Makes the recorder every dbopt component records through: over the application's Micrometer registry when there
 * is one, else one that records nothing. Its own type keeps Micrometer's classes out of
 * {@link DbOptAutoConfiguration}'s method signatures, so that the starter works without Micrometer.
 */
@FunctionalInterface
public interface MeterRegistries {

    /** No registry: meters are not recorded. */
    MeterRegistries NONE = MetricsRecorder::noop;

    /** A recorder over the application's registry, or {@link MetricsRecorder#noop()}. */
    MetricsRecorder recorder();
}
