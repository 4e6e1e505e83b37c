package io.dbopt.cli;

import io.dbopt.cli.progress.ConsoleProgress;
import io.dbopt.core.doctor.Doctor;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Shows the doctor working through its sections: a bar with the section being run on a terminal, a line per section
 * on a pipe ({@code [doctor] 4/10 Indexes}), then one line with the total time. Used by one run, on its thread.
 */
final class DoctorProgress implements Doctor.Progress {

    private final ConsoleProgress console;
    private final long start = System.nanoTime();
    private ConsoleProgress.Task task;

    DoctorProgress(ConsoleProgress console) {
        this.console = console;
    }

    @Override
    public void sectionStarted(String title, int index, int total) {
        if (task == null) {
            task = console.task("[doctor]", OptionalLong.of(total));
        }
        task.advance(index > 1 ? 1 : 0, title);
        task.plain(String.format(Locale.ROOT, "[doctor] %d/%d %s", index, total, title));
    }

    /** Ends the bar with the time the sections took. */
    void finish() {
        if (task != null) {
            task.advance(1, "");
            task.finish(String.format(Locale.ROOT, "[doctor] %d sections examined in %.1f s", task.done(),
                    (System.nanoTime() - start) / 1e9));
        }
    }
}
