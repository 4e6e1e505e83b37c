package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.ErrorKind;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void defaultsRetryTheTransientKindsOnly() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.retries(ErrorKind.DEADLOCK)).isTrue();
        assertThat(p.retries(ErrorKind.SERIALIZATION_FAILURE)).isTrue();
        assertThat(p.retries(ErrorKind.LOCK_TIMEOUT)).isTrue();
        assertThat(p.retries(ErrorKind.CONNECTION_LOST)).isTrue();
        assertThat(p.retries(ErrorKind.UNIQUE_VIOLATION)).isFalse();
        assertThat(p.retries(ErrorKind.STATEMENT_TIMEOUT)).isFalse();
        assertThat(RetryPolicy.none().retries()).isFalse();
    }

    @Test
    void rejectsBadBoundsAndKindsThatCannotSucceedOnRetry() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("shorter than initialBackoff");
        assertThatThrownBy(() -> RetryPolicy.defaults().withRetryOn(Set.of(ErrorKind.UNIQUE_VIOLATION)))
                .hasMessageContaining("UNIQUE_VIOLATION cannot be retried");
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxElapsed(Duration.ofSeconds(-1)))
                .hasMessageContaining("maxElapsed");
    }
}
