package io.dbopt.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run of {@code dbopt doctor} on the embedded demo per test JVM (it takes about twenty seconds), shared by the
 * tests that read its JSON report and the one that opens its HTML report in a browser.
 */
final class DemoDoctor {

    /** Where the run writes its HTML report. */
    static final Path HTML = Path.of("target", "report", "demo-report.html");

    private static CliRun run;

    private DemoDoctor() {
    }

    /** The run: JSON on stdout, a suppression, --fail-on warning, and the HTML report written to {@link #HTML}. */
    static synchronized CliRun run() throws Exception {
        if (run == null) {
            Files.createDirectories(HTML.getParent());
            run = CliRun.of("doctor", "--format", "json", "--fail-on", "warning", "--suppress",
                    "server.lock-timeout-unset demo server, fine", "--html", HTML.toString());
        }
        return run;
    }
}
