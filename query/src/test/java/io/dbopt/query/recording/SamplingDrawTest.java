package io.dbopt.query.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One random draw per bound execution decides both of its samples (its values for EXPLAIN, its call site): each
 * decision keeps its documented rate, and the two stay independent (they read different bits of the draw).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SamplingDrawTest {

    private static final String SQL = "select name from items where id = ?";
    private static final int DRAWS = 1 << 18;

    @Test
    void oneDrawKeepsBothSamplingRatesAndTheirIndependence() {
        Recorder recorder = recorder(true, 64);
        Shape shape = recorder.shape(SQL);
        for (int i = 0; i < 8; i++) { // the first eight executions always keep their values
            assertThat(recorder.drawSamples(shape) & Recorder.SAMPLE_PARAMETERS).isNotZero();
            shape.stats.offerSample(SQL, new Object[] {1L}, 1_000);
        }
        int parameters = 0;
        int sites = 0;
        int both = 0;
        for (int i = 0; i < DRAWS; i++) {
            int samples = recorder.drawSamples(shape);
            assertThat(samples & Recorder.SAMPLES_DRAWN).isNotZero();
            boolean p = (samples & Recorder.SAMPLE_PARAMETERS) != 0;
            boolean s = (samples & Recorder.SAMPLE_CALL_SITE) != 0;
            parameters += p ? 1 : 0;
            sites += s ? 1 : 0;
            both += p && s ? 1 : 0;
        }
        // expected 1,024 (one in 256), 4,096 (one in 64) and 16 together; bounds at about five standard deviations
        assertThat(parameters).isBetween(864, 1_184);
        assertThat(sites).isBetween(3_776, 4_416);
        assertThat(both).isBetween(1, 40);
    }

    @Test
    void everyExecutionKeepsItsValuesWhenParametersAreLogged() {
        Recorder recorder = recorder(false, 8_192);
        Shape shape = recorder.shape(SQL);
        for (int i = 0; i < 1_000; i++) {
            assertThat(recorder.drawSamples(shape) & Recorder.SAMPLE_PARAMETERS).isNotZero();
        }
    }

    @Test
    void aDrawnDecisionReplacesTheExecutionsOwnDrawAfterTheFirstCaptures() {
        Recorder recorder = recorder(true, 1 << 30);
        Shape shape = recorder.shape(SQL);
        FingerprintStats stats = shape.stats;
        for (int i = 0; i < 3; i++) { // the first three executions always capture their call site
            assertThat(stats.wantsCallSite(false)).isTrue();
            stats.addCallSite(null);
        }
        assertThat(stats.wantsCallSite(false)).isFalse();
        assertThat(stats.wantsCallSite(true)).isTrue();
    }

    private static Recorder recorder(boolean explainSamples, int callSiteSampling) {
        return new Recorder(new Recorder.Options("sampling-test", 100, List.of(), Duration.ofHours(1),
                !explainSamples, explainSamples, 10, callSiteSampling));
    }
}
