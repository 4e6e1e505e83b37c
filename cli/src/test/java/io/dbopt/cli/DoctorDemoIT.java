package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's first command, end to end: embedded PostgreSQL, demo application, report. */
class DoctorDemoIT {

    @Test
    @Timeout(300)
    void examinesTheDemoApplicationOnEmbeddedPostgres() throws Exception {
        // one run (the demo takes ~20 s): JSON output, a suppression, and --fail-on turning warnings into exit 1
        CliRun run = DemoDoctor.run();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.err()).contains("[demo] embedded PostgreSQL up").contains("rows loaded")
                .contains("[demo] loaded tasks                    200,000 rows");
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("title").asText()).isEqualTo("dbopt doctor");
        assertThat(report.path("target").asText()).contains("PostgreSQL 17");
        List<String> titles = new ArrayList<>();
        report.path("sections").forEach(s -> titles.add(s.path("title").asText()));
        assertThat(titles).first().isEqualTo("Server");
        assertThat(titles).contains("Connection pool", "Queries", "Indexes", "Transactions", "Migrations",
                "Documents and JSON");
        JsonNode server = report.path("sections").get(0);
        assertThat(server.path("facts").path("shared_preload_libraries").asText()).contains("pg_stat_statements");
        List<String> checks = new ArrayList<>();
        report.path("sections").forEach(s -> s.path("findings").forEach(f -> checks.add(f.path("check").asText())));
        assertThat(checks).contains("server.statement-timeout-unset").doesNotContain("server.lock-timeout-unset");
        // the planted problems, found by the module sections from what the demo workload recorded
        assertThat(checks).contains("query.n-plus-one", "query.plan-large-offset", "index.fk-without-index",
                "index.duplicate", "index.unused", "index.recommended");
        List<String> nPlusOne = new ArrayList<>();
        report.path("sections").forEach(s -> s.path("findings").forEach(f -> {
            if (f.path("check").asText().equals("query.n-plus-one")) {
                nPlusOne.add(f.path("object").asText());
            }
        }));
        assertThat(nPlusOne).isNotEmpty().allMatch(site -> site.contains("projectListWithNPlusOne"));
        // the planted documents: large HTML stored as is, a history of full copies, jsonb queried without GIN
        List<String> documents = new ArrayList<>();
        report.path("sections").forEach(s -> s.path("findings").forEach(f -> documents.add(
                f.path("check").asText() + " " + f.path("object").asText())));
        assertThat(documents).contains("json.large-value-column documents.content",
                "json.full-copy-history document_history", "json.unserved-predicate documents.properties");
        assertThat(report.path("summary").path("suppressed").asInt()).isEqualTo(1);
        // what the sections measured, for the HTML report's charts: real numbers from the run, not placeholders
        List<String> charts = new ArrayList<>();
        report.path("sections").forEach(s -> s.path("charts").forEach(c -> charts.add(c.path("title").asText())));
        assertThat(charts).contains("Top statements by total time", "Largest tables in public",
                "What the index fixes could free", "Connection pool usage over the run", "Transactions over the run");
        JsonNode tables = chart(report, "Largest tables in public");
        assertThat(tables.path("bars").get(0).path("label").asText()).isEqualTo("tasks");
        assertThat(tables.path("bars").get(0).path("value").asDouble()).isGreaterThan(10_000_000);
        assertThat(chart(report, "Connection pool usage over the run").path("lines").get(0).path("samples").size())
                .isGreaterThanOrEqualTo(2);
        assertThat(run.err()).contains("dbopt doctor: HTML report written to");
        for (JsonNode section : report.path("sections")) {
            assertThat(section.has("failure")).as("section %s failed: %s", section.path("title").asText(),
                    section.path("failure").asText()).isFalse();
        }
    }

    private static JsonNode chart(JsonNode report, String title) {
        for (JsonNode section : report.path("sections")) {
            for (JsonNode chart : section.path("charts")) {
                if (chart.path("title").asText().equals(title)) {
                    return chart;
                }
            }
        }
        throw new AssertionError("no chart " + title);
    }
}
