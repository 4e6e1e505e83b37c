package io.dbopt.json.doctor;

import io.dbopt.core.DbOptException;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.index.IndexManager;
import io.dbopt.index.ProfilerWorkload;
import io.dbopt.index.Workload;
import io.dbopt.index.WorkloadSource;
import io.dbopt.json.ColumnStorage;
import io.dbopt.json.JsonFieldOptimizer;
import io.dbopt.json.JsonKeys;
import io.dbopt.json.advice.HistoryAdvisor;
import io.dbopt.json.advice.StorageAdvisor;
import io.dbopt.query.QueryProfiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The doctor's "Documents and JSON" section: large text and JSON columns and how they are stored (average value and
 * stored size, TOAST, compression setting, what zstd would keep), history tables that keep near-identical full
 * copies (sampled consecutive versions), and the workload's JSON predicates: unserved, in function form, or on json
 * columns queried as documents, each with evidence and a fix. (json columns as such are dbopt-index's
 * {@code index.json-column}.) The workload is the context's {@link Workload}, {@link WorkloadSource}
 * or {@link QueryProfiler} attachment, else the server's statement statistics when readable. Registered through
 * {@code META-INF/services}; stateless.
 */
public final class JsonDoctorSection implements DoctorSection {

    private static final Logger LOG = LoggerFactory.getLogger(JsonDoctorSection.class);

    /** Creates the section (called by {@link java.util.ServiceLoader}). */
    public JsonDoctorSection() {
        // stateless
    }

    @Override
    public String title() {
        return "Documents and JSON";
    }

    @Override
    public int order() {
        return 650;
    }

    @Override
    public ReportSection run(DoctorContext context) {
        DbOptConfig config = DbOptConfig.of(Map.of("json", Map.of("statement_timeout", context.statementTimeout())));
        long large = config.get(JsonKeys.LARGE_VALUE_SIZE);
        double similarity = config.get(JsonKeys.HISTORY_SIMILARITY);
        int sampleRows = Math.min(config.get(JsonKeys.SAMPLE_ROWS), 1000);
        List<Finding> findings = new ArrayList<>();
        List<ReportSection.Fact> facts = new ArrayList<>();
        StorageAdvisor storage = new StorageAdvisor(context.dialect(), context.statementTimeout(), sampleRows);
        HistoryAdvisor history = new HistoryAdvisor(context.dialect(), context.statementTimeout());
        Jdbc.withConnection(context.dataSource(), "checking documents and JSON columns", c -> {
            List<ColumnStorage> measured = storage.measureAll(c);
            boolean lz4 = storage.lz4Available(c);
            findings.addAll(storage.findings(measured, large, lz4));
            facts.add(new ReportSection.Fact("text and JSON columns measured", String.valueOf(measured.size())));
            List<HistoryAdvisor.Candidate> candidates = history.candidates(c);
            // a content column too short for a copy worth a finding is not sampled (one query per 50 tables,
            // 20 s at 10,000 tables of short columns)
            List<HistoryAdvisor.Candidate> sampled = candidates.stream().filter(history::mayHoldCopies).toList();
            for (Optional<HistoryAdvisor.Measurement> m : history.measureAll(c, sampled)) {
                if (m.isPresent()) {
                    history.finding(c, m.get(), similarity).ifPresent(findings::add);
                }
            }
            facts.add(new ReportSection.Fact("history tables checked", String.valueOf(candidates.size())));
            if (context.dialect() instanceof PostgresDialect) {
                facts.add(new ReportSection.Fact("lz4 compression", lz4 ? "available" : "not available"));
            }
            return null;
        });
        Optional<Workload> workload = workload(context, facts);
        if (workload.isPresent() && !workload.get().isEmpty()) {
            List<Finding> predicates;
            try (JsonFieldOptimizer json = JsonFieldOptimizer.builder(context.dataSource()).config(config)
                    .dialect(context.dialect()).build()) {
                predicates = json.indexer().findings(workload.get());
            }
            findings.addAll(predicates);
        }
        return ReportSection.of(title(), facts, findings);
    }

    private static Optional<Workload> workload(DoctorContext context, List<ReportSection.Fact> facts) {
        Optional<Workload> given = context.attachment(Workload.class)
                .or(() -> context.attachment(WorkloadSource.class).map(WorkloadSource::workload))
                .or(() -> context.attachment(QueryProfiler.class).map(p -> ProfilerWorkload.from(p).workload()));
        if (given.isPresent()) {
            facts.add(new ReportSection.Fact("workload", given.get().entries().size() + " statements (attached)"));
            return given;
        }
        try {
            Workload captured = IndexManager.create(context.dataSource()).captureWorkload();
            facts.add(new ReportSection.Fact("workload", captured.entries().size() + " statements (server "
                    + "statistics)"));
            return Optional.of(captured);
        } catch (DbOptException e) {
            LOG.debug("Documents and JSON - no workload: {}", e.getMessage());
            facts.add(new ReportSection.Fact("workload", "none (no statement statistics readable)"));
            return Optional.empty();
        }
    }
}
