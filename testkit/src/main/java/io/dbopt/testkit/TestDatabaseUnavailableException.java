package io.dbopt.testkit;

/**
 * Thrown when a test needs a dialect for which no server could be found. The message lists every place that was
 * tried and how to provide a server, or how to narrow the run explicitly.
 */
public final class TestDatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public TestDatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
