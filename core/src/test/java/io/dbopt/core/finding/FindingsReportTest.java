package io.dbopt.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsReportTest {

    private static Finding unused() {
        return Finding.builder("index.unused", Severity.WARNING)
                .object(DbObject.index("public.orders_status_idx"))
                .message("Index has not been scanned since statistics were reset")
                .evidence("scans", 0).evidence("size_bytes", 8_192_000L).evidence("age", Duration.ofSeconds(3))
                .fix(Fix.sql("drop the unused index", "DROP INDEX CONCURRENTLY public.orders_status_idx"))
                .build();
    }

    private static Finding critical() {
        return Finding.builder("server.connection-headroom", Severity.CRITICAL)
                .object(DbObject.setting("max_connections")).message("<script>alert(1)</script> 99% used")
                .build();
    }

    private static FindingsReport report() {
        return FindingsReport.of("dbopt doctor", "PostgreSQL 15 at jdbc:postgresql://h/db?password=hunter2",
                List.of(ReportSection.of("Indexes", List.of(new ReportSection.Fact("indexes", "12")),
                                List.of(unused(), critical())),
                        ReportSection.failed("Queries", "pg_stat_statements is not installed")));
    }

    @Test
    void ordersFindingsBySeverityAndCountsThem() {
        FindingsReport report = report();
        assertThat(report.findings()).extracting(Finding::severity)
                .containsExactly(Severity.CRITICAL, Severity.WARNING);
        assertThat(report.maxSeverity()).contains(Severity.CRITICAL);
        assertThat(report.countAtLeast(Severity.ERROR)).isEqualTo(1);
        assertThat(report.hasFailedSections()).isTrue();
    }

    @Test
    void rendersTextWithFixStatementsAndRedactsTheTarget() {
        String text = report().toText();
        assertThat(text).contains("[warning] index.unused  public.orders_status_idx")
                .contains("DROP INDEX CONCURRENTLY public.orders_status_idx;")
                .contains("evidence: scans=0, size_bytes=8192000, age=3000 ms")
                .contains("could not run: pg_stat_statements is not installed")
                .doesNotContain("hunter2");
    }

    @Test
    void rendersJsonWithAStableShape() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report().toJson());
        assertThat(json.path("summary").path("findings").asInt()).isEqualTo(2);
        assertThat(json.path("summary").path("maxSeverity").asText()).isEqualTo("critical");
        JsonNode finding = json.path("sections").get(0).path("findings").get(0);
        assertThat(finding.path("check").asText()).isEqualTo("index.unused");
        assertThat(finding.path("evidence").path("size_bytes").asLong()).isEqualTo(8_192_000L);
        assertThat(finding.path("fix").path("statements").get(0).asText()).startsWith("DROP INDEX");
        assertThat(json.path("sections").get(1).path("failure").asText()).contains("pg_stat_statements");
        assertThat(json.toString()).doesNotContain("hunter2");
    }

    @Test
    void escapesHtml() {
        String html = report().toHtml();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert")
                .doesNotContain("hunter2");
    }

    @Test
    void suppressionsRemoveFindingsAndAreCounted() {
        FindingsReport filtered = report().applying(List.of(
                Suppression.parse("index.unused:public.orders_status_idx kept for the monthly audit")));
        assertThat(filtered.findings()).extracting(f -> f.check().value())
                .containsExactly("server.connection-headroom");
        assertThat(filtered.suppressed()).isEqualTo(1);
        assertThat(filtered.toText()).contains("(1 suppressed)");
        assertThat(report().applying(List.of(Suppression.parse("index.unused:other_idx reason")))
                .findings()).hasSize(2);
    }

    @Test
    void validatesInputsAndNamesTheCheck() {
        assertThatThrownBy(() -> CheckId.of("Index Unused")).hasMessageContaining("module.check-name");
        assertThatThrownBy(() -> Finding.builder("index.unused", Severity.INFO).message("m").build())
                .hasMessageContaining("index.unused").hasMessageContaining("object");
        assertThatThrownBy(() -> Suppression.parse("index.unused")).hasMessageContaining("reason");
        assertThatThrownBy(() -> Evidence.of("Bad Name", 1)).hasMessageContaining("lower_snake_case");
        assertThatThrownBy(() -> Severity.parse("urgent")).hasMessageContaining("info, warning, error or critical");
    }
}
