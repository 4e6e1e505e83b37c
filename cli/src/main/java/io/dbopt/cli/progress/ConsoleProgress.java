package io.dbopt.cli.progress;

import io.dbopt.bulk.progress.Progress;
import io.dbopt.bulk.progress.ProgressListener;
import io.dbopt.cli.console.ConsoleMode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Shows the progress of a long CLI step on standard error: when standard error is a terminal, one line redrawn in
 * place with a bar, the count, the rate and the time left; otherwise (a pipe, a file, a test) plain lines, so logs
 * stay readable. Use a {@link Task} for any step that counts something, or {@link #listener(String)} for a bulk job,
 * which feeds the same renderer from the job's {@code ProgressTracker}.
 *
 * <pre>{@code
 * ConsoleProgress progress = ConsoleProgress.create(err);
 * ConsoleProgress.Task task = progress.task("[demo] loading", OptionalLong.of(470_000));
 * task.advance(200_000, "tasks");
 * task.finish("[demo] 470,000 rows loaded in 12.3 s");
 * }</pre>
 *
 * <p>{@link ConsoleMode} decides: {@code DBOPT_PROGRESS=bar} or {@code plain} overrides the detection,
 * {@code TERM=dumb} means plain, {@code --quiet} prints nothing. Thread-safe: a bulk job's workers may report at once.
 */
public final class ConsoleProgress {

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean bar;
    private final boolean quiet;
    private long lastDraw;
    private int lastWidth;

    private ConsoleProgress(PrintWriter err, boolean bar, boolean quiet) {
        this.err = Objects.requireNonNull(err, "err");
        this.bar = bar && !quiet;
        this.quiet = quiet;
    }

    /**
     * A renderer on {@code err}, drawing a bar only when the process's standard error is a terminal (see
     * {@link ConsoleMode#detect()}).
     */
    public static ConsoleProgress create(PrintWriter err) {
        return create(err, ConsoleMode.detect());
    }

    /** A renderer in the mode given (tests, or a caller that knows). */
    public static ConsoleProgress create(PrintWriter err, boolean bar) {
        return new ConsoleProgress(err, bar, false);
    }

    /** A renderer for a command's console mode: a bar, plain lines, or nothing at all when quiet. */
    public static ConsoleProgress create(PrintWriter err, ConsoleMode mode) {
        return new ConsoleProgress(err, mode.bar(), mode.quiet());
    }

    /** Whether this renderer draws a bar (else plain lines). */
    public boolean isBar() {
        return bar;
    }

    /** Starts a counted step; {@code total} empty when unknown (no bar, no time left). */
    public Task task(String label, OptionalLong total) {
        return new Task(label, total);
    }

    /**
     * A listener drawing bulk jobs: the bar (or, on a pipe, a line every five seconds) while a job runs, and one
     * summary line when it ends.
     */
    public ProgressListener listener(String label) {
        return new ProgressListener() {
            private long lastLine = System.nanoTime();

            @Override
            public void onChunk(Progress p, long rows, Duration time) {
                if (bar) {
                    draw(label + " " + p.job(), p.rowsDone(), p.total(), p.rowsPerSecond(), p.eta(), "", false);
                } else if (System.nanoTime() - lastLine > 5_000_000_000L) {
                    lastLine = System.nanoTime();
                    line(String.format(Locale.ROOT, "%s %s: %,d rows%s, %,.0f rows/s", label, p.job(), p.rowsDone(),
                            p.total().isPresent() ? " of " + String.format(Locale.ROOT, "%,d", p.total().getAsLong())
                                    : "", p.rowsPerSecond()));
                }
            }

            @Override
            public void onFinish(Progress p) {
                double secs = p.elapsed().toNanos() / 1e9;
                end(String.format(Locale.ROOT, "%s %s: %s, %,d rows in %.1f s (%,.0f rows/s)%s", label, p.job(),
                        p.state() == Progress.State.FINISHED ? "done" : "stopped", p.rowsDone(), secs,
                        secs > 0 ? p.rowsDone() / secs : 0,
                        p.rowsRejected() > 0 ? String.format(Locale.ROOT, ", %,d rejected", p.rowsRejected()) : ""));
            }
        };
    }

    /** Prints a line of its own (clearing a bar being drawn); nothing when quiet. */
    public synchronized void line(String text) {
        if (quiet) {
            return;
        }
        clear();
        err.println(text);
        err.flush();
    }

    private synchronized void end(String text) {
        line(text);
    }

    private synchronized void clear() {
        if (bar && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    private synchronized void draw(String label, long done, OptionalLong total, double rate,
                                   java.util.Optional<Duration> eta, String note, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total.isPresent() && total.getAsLong() > 0) {
            double f = Math.min(1.0, (double) done / total.getAsLong());
            int filled = (int) Math.round(f * BAR_WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%% %,d/%,d", f * 100, done, total.getAsLong()));
        } else {
            sb.append(String.format(Locale.ROOT, "%,d", done));
        }
        sb.append(String.format(Locale.ROOT, "  %,.0f/s", rate));
        eta.ifPresent(d -> sb.append("  ETA ").append(format(d)));
        if (!note.isEmpty()) {
            sb.append("  ").append(note);
        }
        String text = sb.toString();
        err.print("\r" + text + (lastWidth > text.length() ? " ".repeat(lastWidth - text.length()) : ""));
        err.flush();
        lastWidth = text.length();
    }

    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** One counted step: the bar's numbers, rate and time left come from its {@link #advance} calls. */
    public final class Task {
        private final String label;
        private final OptionalLong total;
        private final long start = System.nanoTime();
        private long done;

        private Task(String label, OptionalLong total) {
            this.label = label;
            this.total = total;
        }

        /**
         * Counts {@code amount} more done; redraws the bar. In plain mode nothing is printed: call
         * {@link #plain(String)} for lines that should appear on a pipe.
         *
         * @param note what is being done now ({@code tasks}), shown after the bar
         */
        public void advance(long amount, String note) {
            double rate;
            java.util.Optional<Duration> eta = java.util.Optional.empty();
            synchronized (ConsoleProgress.this) {
                done += amount;
                double secs = (System.nanoTime() - start) / 1e9;
                rate = secs > 0 ? done / secs : 0;
                if (total.isPresent() && rate > 0) {
                    eta = java.util.Optional.of(Duration.ofMillis((long) (Math.max(0, total.getAsLong() - done)
                            / rate * 1000)));
                }
            }
            if (bar) {
                draw(label, done, total, rate, eta, note, true);
            }
        }

        /** Prints a line only when there is no bar (the per-step lines of a pipe or log). */
        public void plain(String text) {
            if (!bar) {
                line(text);
            }
        }

        /** How much was done. */
        public synchronized long done() {
            return done;
        }

        /** Ends the step with a summary line. */
        public void finish(String summary) {
            line(summary);
        }
    }
}
