package io.dbopt.cli;

/** Exit codes shared by every dbopt command, so CI pipelines can tell the cases apart. */
public final class ExitCodes {

    /** Nothing at or above the {@code --fail-on} severity was found. */
    public static final int OK = 0;
    /** Findings at or above the {@code --fail-on} severity were found. */
    public static final int FINDINGS = 1;
    /** The command line was wrong (picocli's own usage-error code). */
    public static final int USAGE = 2;
    /** The database could not be reached or a statement failed. */
    public static final int DATABASE = 3;

    private ExitCodes() {
    }
}
