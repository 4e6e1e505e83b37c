package io.dbopt.pool;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection borrowed for longer than the leak threshold: who holds it, for how long, and a stack trace. The stack
 * is where the connection was acquired when the pool recorded it ({@link StackKind#ACQUIRE_SITE}, see
 * {@link LeakCapture}), otherwise where the holding thread is now ({@link StackKind#HOLDER_NOW}), which still names
 * the borrower while the thread is inside the code that forgot to close. Immutable.
 *
 * @param connection the connection, e.g. {@code conn#7 (session 4242)}
 * @param thread the name of the thread that borrowed it
 * @param heldFor how long it has been borrowed
 * @param tenant the tenant it was borrowed for, if any
 * @param stackKind what the stack shows
 * @param stack the stack trace, innermost frame first
 */
public record LeakReport(String connection, String thread, Duration heldFor, Optional<String> tenant,
                         StackKind stackKind, List<StackTraceElement> stack) {

    /** Validates and copies. */
    public LeakReport {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(heldFor, "heldFor");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(stackKind, "stackKind");
        stack = List.copyOf(stack);
    }

    /** What a leak report's stack trace shows. */
    public enum StackKind {
        /** Where the connection was acquired. */
        ACQUIRE_SITE,
        /** Where the holding thread is now. */
        HOLDER_NOW
    }

    /** The report as a throwable whose stack trace is the report's, for logging with a stack. */
    public Throwable asThrowable() {
        Throwable t = new Throwable((stackKind == StackKind.ACQUIRE_SITE ? "acquired here" : "holding thread is here")
                + " (" + thread + ")", null, false, true) {
            private static final long serialVersionUID = 1L;
        };
        t.setStackTrace(stack.toArray(new StackTraceElement[0]));
        return t;
    }

    /** A one-line summary. */
    public String describe() {
        return connection + " held by thread " + thread + " for " + heldFor.toMillis() + " ms"
                + tenant.map(t -> " (tenant " + t + ")").orElse("");
    }
}
