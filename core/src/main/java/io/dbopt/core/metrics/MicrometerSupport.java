package io.dbopt.core.metrics;

/**
 * The only place that decides whether Micrometer is present; {@link MicrometerRecorder} is loaded from here and
 * nowhere else.
 */
final class MicrometerSupport {

    private static final String REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private MicrometerSupport() {
    }

    static boolean isAvailable() {
        try {
            Class.forName(REGISTRY_CLASS, false, MicrometerSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static MetricsRecorder recorder(Object registry) {
        return MicrometerRecorder.create(registry);
    }
}
