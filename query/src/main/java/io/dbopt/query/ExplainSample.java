package io.dbopt.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One recorded execution of a fingerprint with the values it was run with, kept in memory so that its plan can be
 * explained with realistic values ({@code optimizer.explain(sample.sql(), sample.parameters())}): the profiler keeps
 * the slowest sampled execution of each fingerprint whose values can be replayed (no streams, LOBs or arrays), unless
 * {@link QueryProfiler.Builder#captureExplainSamples(boolean)} is off. Obtained from
 * {@link QueryProfiler#explainSamples(int)}.
 *
 * <p>The values are the application's bind values: never log or report them. Immutable.
 *
 * @param fingerprint the normalised text the sample belongs to
 * @param sql the statement as executed (with literals, for a plain statement)
 * @param parameters the bound values by position (index 0 is parameter 1), possibly empty; may contain nulls
 * @param duration how long that execution took
 */
public record ExplainSample(String fingerprint, String sql, List<Object> parameters, Duration duration) {

    /** Validates and copies (nulls are kept: they are SQL NULL values). */
    public ExplainSample {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(sql, "sql");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        Objects.requireNonNull(duration, "duration");
    }

    /** Never shows the values. */
    @Override
    public String toString() {
        return "ExplainSample[" + fingerprint + ", " + parameters.size() + " values, " + duration.toMillis() + " ms]";
    }
}
