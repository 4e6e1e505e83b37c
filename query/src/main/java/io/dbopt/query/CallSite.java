package io.dbopt.query;

import java.util.List;
import java.util.Objects;

/**
 * A place in application code that ran a statement: the first stack frame outside dbopt, the JDK, JDBC drivers,
 * connection pools, ORMs and other excluded packages (see {@link QueryProfiler.Builder#excludeFromCallSites}).
 *
 * <p>The two application frames above it are kept too ({@link #callers()}), so that a loop that runs its
 * statements through a shared helper is still told apart from another loop using the same helper.
 *
 * @param className the fully qualified class name
 * @param methodName the method name
 * @param fileName the source file name, empty when unknown
 * @param lineNumber the line number, or -1 when unknown
 * @param callers the next application frames up the stack, nearest first, in stack-trace form; at most two
 */
public record CallSite(String className, String methodName, String fileName, int lineNumber, List<String> callers) {

    /** The call site when no frame qualified (every frame was excluded). */
    public static final CallSite UNKNOWN = new CallSite("unknown", "unknown", "", -1, List.of());

    /** Validates and copies. */
    public CallSite {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(fileName, "fileName");
        callers = List.copyOf(callers);
    }

    /** A call site without callers. */
    public CallSite(String className, String methodName, String fileName, int lineNumber) {
        this(className, methodName, fileName, lineNumber, List.of());
    }

    /**
     * Equal components, compared without the record's generated method-handle equality (call sites are compared on
     * the profiler's hot path): the line first, then the names and the callers.
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof CallSite c && lineNumber == c.lineNumber && className.equals(c.className)
                && methodName.equals(c.methodName) && fileName.equals(c.fileName) && callers.equals(c.callers);
    }

    @Override
    public int hashCode() {
        int h = className.hashCode();
        h = 31 * h + methodName.hashCode();
        h = 31 * h + fileName.hashCode();
        h = 31 * h + lineNumber;
        return 31 * h + callers.hashCode();
    }

    /** Whether this is {@link #UNKNOWN}. */
    public boolean isUnknown() {
        return this.equals(UNKNOWN);
    }

    /** This frame alone in stack-trace form, {@code com.acme.OrderService.list(OrderService.java:42)}. */
    public String frame() {
        return frame(className, methodName, fileName, lineNumber);
    }

    static String frame(String className, String methodName, String fileName, int lineNumber) {
        return className + "." + methodName + "(" + (fileName.isEmpty() ? "Unknown Source" : fileName)
                + (lineNumber >= 0 ? ":" + lineNumber : "") + ")";
    }

    /**
     * The frame and its callers, {@code com.acme.Db.query(Db.java:12) <- com.acme.OrderService.list(...)}.
     */
    @Override
    public String toString() {
        if (callers.isEmpty()) {
            return frame();
        }
        return frame() + " <- " + String.join(" <- ", callers);
    }
}
