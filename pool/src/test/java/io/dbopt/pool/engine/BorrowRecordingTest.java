package io.dbopt.pool.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.pool.LeakCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class BorrowRecordingTest {

    @Test
    void timesEveryBorrowUntilTheFirstTuningAndAtLowRates() {
        BorrowRecording recording = new BorrowRecording(LeakCapture.ON_SUSPICION);
        assertThat(recording.timingMask()).isZero();
        recording.tune(1_500);
        assertThat(recording.timingMask()).isZero();
    }

    /**
     * The timed borrows are what the monitor records again into a registry's two timers, one duration at a time: their
     * number must not grow with the borrow rate. With the old floor of one borrow in 1,024, 20 million borrows a
     * second (a stub driver on two cores) timed 19,500 of them a second.
     */
    @ParameterizedTest
    @ValueSource(doubles = {2_500, 50_000, 1_000_000, 3_000_000, 20_000_000, 500_000_000})
    void timesOneToTwoThousandBorrowsASecondAtAnyHigherRate(double borrowsPerSecond) {
        BorrowRecording recording = new BorrowRecording(LeakCapture.ON_SUSPICION);
        recording.tune(borrowsPerSecond);
        int mask = recording.timingMask();
        assertThat(Integer.bitCount(mask + 1)).as("one in a power of two").isEqualTo(1);
        double timedPerSecond = borrowsPerSecond / (mask + 1);
        assertThat(timedPerSecond).isBetween((double) BorrowRecording.TIMED_PER_SECOND,
                2.0 * BorrowRecording.TIMED_PER_SECOND);
    }

    /**
     * A period in which the borrowers stalled reads as a rate near zero; with the old tuning the next period, at the
     * full rate again, timed every borrow (250,000 in 250 ms at a million a second, each recorded again by the monitor
     * into a registry's timers).
     */
    @Test
    void aStalledPeriodAtMostDoublesTheShareTimedInTheNext() {
        BorrowRecording recording = new BorrowRecording(LeakCapture.ON_SUSPICION);
        recording.tune(20_000_000);
        int busy = recording.timingMask();
        recording.tune(0);
        assertThat(recording.timingMask()).isEqualTo(busy >>> 1);
        recording.tune(20_000_000);
        assertThat(recording.timingMask()).isEqualTo(busy);
    }

    @Test
    void timesEveryBorrowAgainWithinTwentyPeriodsOfALowRate() {
        BorrowRecording recording = new BorrowRecording(LeakCapture.ON_SUSPICION);
        recording.tune(500_000_000);
        for (int i = 0; i < 20; i++) {
            recording.tune(100);
        }
        assertThat(recording.timingMask()).isZero();
    }
}
