package io.dbopt.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HtmlReportTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Finding finding(String check, Severity severity, String object, long bytes, String... sql) {
        return Finding.builder(check, severity).object(DbObject.index(object)).message("about " + object)
                .evidence("index_bytes", bytes)
                .fix(sql.length == 0 ? Fix.advice("look at it") : Fix.sql("drop it", sql)).build();
    }

    private static FindingsReport report() {
        Chart bars = Chart.bars("Top statements by total time", "from the server",
                Chart.Unit.MILLISECONDS, List.of(new Chart.Bar("select * from t where a = ?", 1200, "40 calls"),
                        Chart.Bar.of("select 1 -- password=hunter2", 10)));
        Chart lines = Chart.lines("Pool over the run", "sampled", Chart.Unit.COUNT, List.of(new Chart.Line(
                "checked_out", List.of(new Chart.Sample(T0, 0), new Chart.Sample(T0.plusSeconds(1), 3),
                new Chart.Sample(T0.plusSeconds(2), 1)))));
        Chart empty = Chart.bars("Nothing", "no rows", Chart.Unit.BYTES, List.of());
        ReportSection indexes = ReportSection.of("Indexes", List.of(), List.of(
                finding("index.unused", Severity.WARNING, "public.a_idx", 8192, "DROP INDEX public.a_idx"),
                finding("index.duplicate", Severity.ERROR, "public.b_idx", 4096, "DROP INDEX public.b_idx"),
                finding("index.bloated", Severity.INFO, "public.c_idx", 1024)))
                .withCharts(List.of(bars, lines, empty));
        return FindingsReport.of("dbopt doctor", "PostgreSQL 17 at jdbc:postgresql://h/db",
                List.of(indexes, ReportSection.failed("Queries", "not installed")));
    }

    @Test
    void drawsEachNonEmptyChartAsInlineSvgWithItsNumbers() {
        String html = report().toHtml();
        assertThat(count(html, "<figure class=\"chart\"")).isEqualTo(2);
        assertThat(count(html, "<g class=\"bar\">")).isEqualTo(2);
        assertThat(count(html, "<polyline class=\"series\"")).isEqualTo(1);
        assertThat(html).contains("role=\"img\" aria-labelledby=\"chart-").contains("1.20 s · 40 calls")
                .doesNotContain(">Nothing<").doesNotContain("hunter2");
        // the longest bar fills the plotting area, the others are in proportion
        List<Double> widths = Pattern.compile("<rect x=\"290\" y=\"\\d+\" width=\"([0-9.]+)\"").matcher(html)
                .results().map(m -> Double.parseDouble(m.group(1))).toList();
        assertThat(widths).hasSize(2);
        assertThat(widths.get(0) / widths.get(1)).isCloseTo(120.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void isSelfContainedWithFiltersCopyButtonsAndAScore() {
        FindingsReport report = report();
        String html = report.toHtml();
        assertThat(html).doesNotContain("http://", "https://", "<link", "src=\"").contains("<style>")
                .contains("<script>").contains("id=\"filters\"").contains("name=\"severity\" value=\"info\"");
        assertThat(count(html, "<button type=\"button\" class=\"copy\"")).isGreaterThanOrEqualTo(2);
        // unused (warning, 3) + duplicate (error, 10) + a failed section (5)
        assertThat(report.score()).isEqualTo(new ReportScore(82, 'B'));
        assertThat(html).contains("aria-label=\"Score 82 of 100, grade B\"");
        Matcher h = Pattern.compile("<h([1-6])").matcher(html);
        int previous = 0;
        while (h.find()) {
            int level = Integer.parseInt(h.group(1));
            assertThat(level).as("no heading level skipped").isLessThanOrEqualTo(previous + 1);
            previous = level;
        }
    }

    @Test
    void jsonCarriesTheCharts() throws Exception {
        JsonNode chart = new ObjectMapper().readTree(report().toJson()).path("sections").get(0).path("charts");
        assertThat(chart).hasSize(2);
        assertThat(chart.get(0).path("kind").asText()).isEqualTo("bars");
        assertThat(chart.get(0).path("bars").get(0).path("value").asDouble()).isEqualTo(1200);
        assertThat(chart.get(1).path("lines").get(0).path("samples")).hasSize(3);
        assertThat(chart.toString()).doesNotContain("hunter2");
    }

    @Test
    void scoresEachCheckOnceAtItsWorstSeverity() {
        List<Finding> many = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(finding("index.unused", Severity.WARNING, "public.i" + i, 1));
        }
        many.add(finding("server.headroom", Severity.CRITICAL, "max_connections", 1));
        FindingsReport report = FindingsReport.of("t", "x", List.of(ReportSection.of("S", List.of(), many)));
        assertThat(report.score()).isEqualTo(new ReportScore(72, 'C'));
        assertThat(FindingsReport.of("t", "x", List.of()).score()).isEqualTo(new ReportScore(100, 'A'));
    }

    @Test
    void aMariaDbAlterTableDropIndexFreesItsSizeToo() {
        Finding maria = finding("index.unused", Severity.WARNING, "app.t.t_idx", 180_224,
                "ALTER TABLE app.t DROP INDEX IF EXISTS t_idx, ALGORITHM=INPLACE, LOCK=NONE");
        assertThat(maria.fix().dropsIndex()).isTrue();
        assertThat(ActionPlan.benefit(maria)).contains("frees 176.0 KiB");
        assertThat(Fix.sql("add", "ALTER TABLE t ADD INDEX i (c)").dropsIndex()).isFalse();
    }

    @Test
    void chartsRejectValuesThatCannotBeDrawn() {
        assertThatThrownBy(() -> Chart.Bar.of("x", Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Chart.Bar.of("x", -1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new Chart.Line("l", List.of(new Chart.Sample(T0.plusSeconds(1), 1),
                new Chart.Sample(T0, 1)))).hasMessageContaining("oldest first");
        assertThat(SvgCharts.niceCeiling(8, Chart.Unit.COUNT)).isEqualTo(8);
        assertThat(SvgCharts.niceCeiling(0.9, Chart.Unit.COUNT)).isEqualTo(4);
        assertThat(SvgCharts.niceCeiling(1234, Chart.Unit.MILLISECONDS)).isEqualTo(2000);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
