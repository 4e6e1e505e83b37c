package io.dbopt.core.finding;

import static io.dbopt.core.finding.Html.esc;
import static io.dbopt.core.finding.Html.format;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Chart} as an inline SVG figure with its numbers in a table underneath (for screen readers and for
 * copying), so the page needs no script or network to show it. Stateless.
 */
final class SvgCharts {

    /** Series colours, each at least 4.5:1 against white. */
    private static final String[] COLOURS = {"#1d4ed8", "#b91c1c", "#047857", "#6d28d9", "#9a3412", "#0e7490"};
    private static final int WIDTH = 940;
    private static final int LABEL_WIDTH = 290;
    private static final int VALUE_WIDTH = 300;
    private static final int BAR_HEIGHT = 20;
    private static final int ROW = 28;
    private static final int LABEL_CHARS = 44;

    private SvgCharts() {
    }

    /** The chart as a {@code <figure>}; {@code id} makes its element ids unique in the page. */
    static void figure(StringBuilder out, Chart chart, String id) {
        out.append("<figure class=\"chart\" id=\"").append(id).append("\"><figcaption><h3 id=\"").append(id)
                .append("-t\">").append(esc(chart.title())).append("</h3><p id=\"").append(id).append("-d\">")
                .append(esc(chart.description())).append("</p></figcaption>\n");
        if (chart instanceof Chart.Bars bars) {
            bars(out, bars, id);
        } else if (chart instanceof Chart.Lines lines) {
            lines(out, lines, id);
        }
        out.append("</figure>\n");
    }

    private static void bars(StringBuilder out, Chart.Bars chart, String id) {
        List<Chart.Bar> bars = chart.bars();
        double max = bars.stream().mapToDouble(Chart.Bar::value).max().orElse(0);
        int height = bars.size() * ROW + 8;
        int area = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        svgOpen(out, id, height);
        for (int i = 0; i < bars.size(); i++) {
            Chart.Bar bar = bars.get(i);
            int y = 4 + i * ROW;
            double w = max <= 0 ? 0 : Math.max(bar.value() > 0 ? 2 : 0, bar.value() / max * area);
            String value = format(chart.unit(), bar.value()) + (bar.note().isEmpty() ? "" : " · " + bar.note());
            out.append("<g class=\"bar\"><title>").append(esc(bar.label())).append(": ").append(esc(value))
                    .append("</title><text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(esc(shorten(bar.label()))).append("</text>")
                    .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                    .append(num(w)).append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(COLOURS[0])
                    .append("\" rx=\"2\"/><text x=\"").append(num(LABEL_WIDTH + w + 6)).append("\" y=\"")
                    .append(y + 15).append("\">").append(esc(value)).append("</text></g>\n");
        }
        out.append("</svg>\n");
        out.append("<details><summary>The numbers</summary><table><thead><tr><th scope=\"col\">item</th>")
                .append("<th scope=\"col\">value</th><th scope=\"col\">note</th></tr></thead><tbody>");
        for (Chart.Bar bar : bars) {
            out.append("<tr><td>").append(esc(bar.label())).append("</td><td>")
                    .append(esc(format(chart.unit(), bar.value()))).append("</td><td>").append(esc(bar.note()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></details>\n");
    }

    private static void lines(StringBuilder out, Chart.Lines chart, String id) {
        List<Chart.Line> lines = chart.lines().stream().filter(l -> !l.samples().isEmpty()).toList();
        Instant first = lines.stream().map(l -> l.samples().get(0).at()).min(Instant::compareTo).orElseThrow();
        Instant last = lines.stream().map(l -> l.samples().get(l.samples().size() - 1).at())
                .max(Instant::compareTo).orElseThrow();
        double span = Math.max(1, Duration.between(first, last).toMillis());
        double max = niceCeiling(lines.stream().flatMap(l -> l.samples().stream())
                .mapToDouble(Chart.Sample::value).max().orElse(0), chart.unit());
        int left = 80;
        int top = 10;
        int plotW = WIDTH - left - 20;
        int plotH = 180;
        int height = top + plotH + 30 + 22 * ((lines.size() + 2) / 3);
        svgOpen(out, id, height);
        out.append("<g class=\"axis\">");
        for (int t = 0; t <= 4; t++) {
            double y = top + plotH - plotH * t / 4.0;
            out.append("<line x1=\"").append(left).append("\" x2=\"").append(left + plotW).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\" class=\"grid\"/><text x=\"")
                    .append(left - 6).append("\" y=\"").append(num(y + 4)).append("\" text-anchor=\"end\">")
                    .append(esc(format(chart.unit(), max * t / 4))).append("</text>");
        }
        for (int t = 0; t <= 4; t++) {
            double x = left + plotW * t / 4.0;
            out.append("<text x=\"").append(num(x)).append("\" y=\"").append(top + plotH + 18)
                    .append("\" text-anchor=\"middle\">").append(esc(elapsed(span * t / 4))).append("</text>");
        }
        out.append("</g>\n");
        for (int i = 0; i < lines.size(); i++) {
            Chart.Line line = lines.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (Chart.Sample s : line.samples()) {
                double x = left + plotW * Duration.between(first, s.at()).toMillis() / span;
                double y = top + plotH - (max <= 0 ? 0 : plotH * s.value() / max);
                points.append(num(x)).append(',').append(num(y)).append(' ');
            }
            out.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
                    .append("\" points=\"").append(points.toString().trim()).append("\"><title>")
                    .append(esc(line.name())).append("</title></polyline>\n");
            int lx = left + (i % 3) * 220;
            int ly = top + plotH + 40 + (i / 3) * 22;
            out.append("<rect x=\"").append(lx).append("\" y=\"").append(ly - 10).append("\" width=\"14\" ")
                    .append("height=\"4\" fill=\"").append(colour).append("\"/><text x=\"").append(lx + 20)
                    .append("\" y=\"").append(ly - 4).append("\">").append(esc(shorten(line.name())))
                    .append("</text>\n");
        }
        out.append("</svg>\n");
        table(out, chart, lines, first);
    }

    private static void table(StringBuilder out, Chart.Lines chart, List<Chart.Line> lines, Instant first) {
        out.append("<details><summary>The numbers</summary><table><thead><tr><th scope=\"col\">series</th>")
                .append("<th scope=\"col\">samples</th><th scope=\"col\">min</th><th scope=\"col\">mean</th>")
                .append("<th scope=\"col\">max</th><th scope=\"col\">last</th></tr></thead><tbody>");
        for (Chart.Line line : lines) {
            List<Chart.Sample> samples = line.samples();
            double min = samples.stream().mapToDouble(Chart.Sample::value).min().orElse(0);
            double mean = samples.stream().mapToDouble(Chart.Sample::value).average().orElse(0);
            double max = samples.stream().mapToDouble(Chart.Sample::value).max().orElse(0);
            out.append("<tr><th scope=\"row\">").append(esc(line.name())).append("</th><td>").append(samples.size())
                    .append("</td><td>").append(esc(format(chart.unit(), min))).append("</td><td>")
                    .append(esc(format(chart.unit(), mean))).append("</td><td>")
                    .append(esc(format(chart.unit(), max))).append("</td><td>")
                    .append(esc(format(chart.unit(), samples.get(samples.size() - 1).value())))
                    .append("</td></tr>");
        }
        out.append("</tbody></table><p>First sample at ").append(esc(first.toString())).append(".</p></details>\n");
    }

    private static void svgOpen(StringBuilder out, String id, int height) {
        out.append("<svg role=\"img\" aria-labelledby=\"").append(id)
                .append("-t ").append(id).append("-d\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" style=\"max-width:")
                .append(WIDTH).append("px\">\n");
    }

    /**
     * The top of the value axis: four ticks of a round step (1, 2, 2.5 or 5 times a power of ten; whole numbers for
     * counts) that reach the maximum; 1 for ratios.
     */
    static double niceCeiling(double max, Chart.Unit unit) {
        if (unit == Chart.Unit.RATIO) {
            return 1;
        }
        if (max <= 0) {
            return unit == Chart.Unit.COUNT ? 4 : 1;
        }
        double wanted = max / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(wanted)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            double tick = step * magnitude;
            if (unit == Chart.Unit.COUNT && tick != Math.rint(tick)) {
                continue;
            }
            if (tick >= wanted) {
                return 4 * tick;
            }
        }
        return 40 * magnitude;
    }

    private static String elapsed(double millis) {
        return millis >= 120_000 ? String.format(Locale.ROOT, "+%.0f min", millis / 60_000)
                : String.format(Locale.ROOT, millis >= 10_000 ? "+%.0f s" : "+%.1f s", millis / 1000);
    }

    private static String shorten(String label) {
        String oneLine = io.dbopt.core.Redaction.redactText(label).replaceAll("\\s+", " ").trim();
        return oneLine.length() <= LABEL_CHARS ? oneLine : oneLine.substring(0, LABEL_CHARS - 1) + "…";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
