package io.dbopt.core.finding;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Numbers a report section measured, in a shape a renderer can draw: a {@link Bars bar chart} of named values (top
 * statements by total time, index sizes) or {@link Lines line chart} of time series (pool usage, the health monitor's
 * rates). A chart only carries what the section read from the server or a component; the HTML report draws it as
 * inline SVG with the numbers in a table beside it, the JSON report lists them. Immutable and thread-safe.
 */
public sealed interface Chart permits Chart.Bars, Chart.Lines {

    /** What the chart is, e.g. {@code "Top statements by total time"}. */
    String title();

    /** One sentence saying what is measured and where it comes from (also the SVG's accessible description). */
    String description();

    /** The unit of every value. */
    Unit unit();

    /** Whether there is nothing to draw. */
    boolean isEmpty();

    /** The unit of a chart's values, so that renderers format them ({@code 1.2 MiB}, {@code 350 ms}). */
    enum Unit {
        /** A plain count. */
        COUNT,
        /** Bytes. */
        BYTES,
        /** Milliseconds. */
        MILLISECONDS,
        /** Seconds. */
        SECONDS,
        /** Events per second. */
        PER_SECOND,
        /** A ratio between 0 and 1. */
        RATIO;

        /** A value in this unit for people: {@code 1.2 MiB}, {@code 350 ms}, {@code 12.5/s}, {@code 99.1%}. */
        public String format(double value) {
            return switch (this) {
                case BYTES -> ActionPlan.bytes(value);
                case MILLISECONDS -> value >= 60_000 ? String.format(Locale.ROOT, "%.1f min", value / 60_000)
                        : value >= 1000 ? String.format(Locale.ROOT, "%.2f s", value / 1000)
                        : String.format(Locale.ROOT, value >= 10 ? "%.0f ms" : "%.2f ms", value);
                case SECONDS -> value >= 1 || value == 0 ? String.format(Locale.ROOT, "%.2f s", value)
                        : String.format(Locale.ROOT, "%.1f ms", value * 1000);
                case PER_SECOND -> String.format(Locale.ROOT, value >= 100 ? "%.0f/s" : "%.1f/s", value);
                case RATIO -> String.format(Locale.ROOT, "%.1f%%", value * 100);
                case COUNT -> value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.2f", value);
            };
        }
    }

    /** A bar chart of named values (horizontal bars, largest first as given). */
    static Bars bars(String title, String description, Unit unit, List<Bar> bars) {
        return new Bars(title, description, unit, bars);
    }

    /** A line chart of time series sharing one unit. */
    static Lines lines(String title, String description, Unit unit, List<Line> lines) {
        return new Lines(title, description, unit, lines);
    }

    /**
     * A bar chart.
     *
     * @param title what the chart is
     * @param description what is measured and where it comes from
     * @param unit the unit of every value
     * @param bars the bars, in display order
     */
    record Bars(String title, String description, Unit unit, List<Bar> bars) implements Chart {
        /** Validates and copies. */
        public Bars {
            requireText(title, "title");
            requireText(description, "description");
            Objects.requireNonNull(unit, "unit");
            bars = List.copyOf(bars);
        }

        @Override
        public boolean isEmpty() {
            return bars.isEmpty();
        }
    }

    /**
     * One bar.
     *
     * @param label what it measures (a statement fingerprint, an index name), already free of bind values
     * @param value the value, finite and not negative
     * @param note a short remark shown with it (e.g. {@code "unused"}), may be empty
     */
    record Bar(String label, double value, String note) {
        /** Validates. */
        public Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(note, "note");
            if (!Double.isFinite(value) || value < 0) {
                throw new IllegalArgumentException("Bar '" + label + "' needs a finite value >= 0, was " + value);
            }
        }

        /** A bar without a note. */
        public static Bar of(String label, double value) {
            return new Bar(label, value, "");
        }
    }

    /**
     * A line chart.
     *
     * @param title what the chart is
     * @param description what is measured and where it comes from
     * @param unit the unit of every value
     * @param lines the series, each drawn in its own colour
     */
    record Lines(String title, String description, Unit unit, List<Line> lines) implements Chart {
        /** Validates and copies. */
        public Lines {
            requireText(title, "title");
            requireText(description, "description");
            Objects.requireNonNull(unit, "unit");
            lines = List.copyOf(lines);
        }

        /** Empty unless some series has at least two samples (one sample is no line). */
        @Override
        public boolean isEmpty() {
            return lines.stream().allMatch(l -> l.samples().size() < 2);
        }
    }

    /**
     * One time series.
     *
     * @param name its name, e.g. {@code "checked_out"}
     * @param samples its samples, oldest first
     */
    record Line(String name, List<Sample> samples) {
        /** Validates and copies. */
        public Line {
            requireText(name, "name");
            samples = List.copyOf(samples);
            for (int i = 1; i < samples.size(); i++) {
                if (samples.get(i).at().isBefore(samples.get(i - 1).at())) {
                    throw new IllegalArgumentException("The samples of line '" + name + "' must be oldest first");
                }
            }
        }
    }

    /**
     * One sample of a time series.
     *
     * @param at when it was taken
     * @param value the value, finite
     */
    record Sample(Instant at, double value) {
        /** Validates. */
        public Sample {
            Objects.requireNonNull(at, "at");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("A sample needs a finite value, was " + value);
            }
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A chart needs a " + what);
        }
    }
}
