package io.dbopt.query.recording;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.Redaction;
import io.dbopt.query.CallSite;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs statements slower than the threshold at WARN on logger {@code io.dbopt.query.slow} (a category of its own, so
 * that the slow log can be routed and levelled apart from dbopt's other logs), with the fingerprint
 * (values replaced by {@code ?}) unless the user opted in to see the SQL as executed and its parameters, which are
 * then still passed through {@link Redaction}. Thread-safe.
 */
final class SlowQueryLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.dbopt.query.slow");
    private static final int MAX_SHOWN_CHARS = 2_000;

    private final String name;
    private final long thresholdNanos;
    private final boolean showParameters;
    private final LongAdder slow = new LongAdder();

    SlowQueryLog(String name, long thresholdNanos, boolean showParameters) {
        this.name = name;
        this.thresholdNanos = thresholdNanos;
        this.showParameters = showParameters;
    }

    boolean isSlow(long nanos) {
        return nanos >= thresholdNanos;
    }

    long count() {
        return slow.sum();
    }

    void log(Shape shape, long nanos, long rows, CallSite site, String sql, Object[] parameters, ErrorKind error) {
        slow.increment();
        if (!LOG.isWarnEnabled()) {
            return;
        }
        String shown = showParameters ? Redaction.redactText(sql) + parametersText(parameters)
                : shape.facts.fingerprint();
        if (shown.length() > MAX_SHOWN_CHARS) {
            shown = shown.substring(0, MAX_SHOWN_CHARS) + "...";
        }
        LOG.warn("{} - slow {} took {} ms ({} rows{}) at {}: {}", name, shape.facts.kind().name().toLowerCase(
                java.util.Locale.ROOT), String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6), rows,
                error == null ? "" : ", failed: " + error, site, shown);
    }

    private static String parametersText(Object[] parameters) {
        if (parameters == null || parameters.length == 0) {
            return "";
        }
        return " parameters " + Redaction.redactText(Arrays.toString(parameters));
    }
}
