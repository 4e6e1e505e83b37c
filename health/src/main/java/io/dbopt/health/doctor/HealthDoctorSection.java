package io.dbopt.health.doctor;

import io.dbopt.core.component.Health;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.ReportSection.Fact;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.health.HealthKeys;
import io.dbopt.health.check.CheckKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The doctor's "Health" section: one full cycle of the health checker on the doctor's database, catalog checks
 * included, as facts (each check's status and numbers) and findings. Findings another section owns are left to it:
 * connection headroom and idle transactions to core's "Server" section, invalid and bloated indexes to dbopt-index's
 * section when it is on the class path. The checker opens its own connection from the doctor's data source, with
 * the doctor's statement timeout; on MariaDB its {@code table-bloat} and {@code sequences} checks take
 * {@code information_schema.TABLES} from the run's shared read ({@link DoctorContext#tables()}), which the Indexes
 * section's size chart reads too. When a monitor that ran before the doctor is attached
 * ({@code Doctor.builder().attach(DatabaseHealthMonitor.class, monitor)}), its time series become the section's
 * charts: pool usage, transactions, rows, sessions, cache hit ratio, probe latency.
 */
public final class HealthDoctorSection implements DoctorSection {

    /** For {@link java.util.ServiceLoader}. */
    public HealthDoctorSection() {
        // stateless
    }

    @Override
    public String title() {
        return "Health";
    }

    @Override
    public int order() {
        return 900;
    }

    @Override
    public ReportSection run(DoctorContext context) {
        Set<CheckKind> owned = ownedElsewhere();
        List<String> run = new ArrayList<>();
        for (CheckKind kind : CheckKind.values()) {
            if (!owned.contains(kind) && kind != CheckKind.CONNECTIVITY && kind != CheckKind.LATENCY
                    && kind != CheckKind.COMPONENTS) {
                run.add(kind.id());
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(HealthKeys.CHECKS.name(), String.join(",", run));
        settings.put(HealthKeys.STATEMENT_TIMEOUT.name(), context.statementTimeout());
        settings.put(HealthKeys.TIMEOUT.name(), context.statementTimeout().multipliedBy(run.size() + 2L));
        settings.put(HealthKeys.ALERTS_ENABLED.name(), false);
        settings.put(HealthKeys.APPLICATION_NAME.name(), "dbopt-doctor");
        Health h;
        try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder().name("doctor-health")
                .config(DbOptConfig.of(settings)).checkerDataSource(context.dataSource())
                .schemaTables(context.tables()).build()) {
            h = monitor.checkNow();
        }
        List<Fact> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        h.components().forEach((name, part) -> {
            facts.add(new Fact(name, describe(part)));
            findings.addAll(part.findings());
        });
        ReportSection section = ReportSection.of(title(), facts, findings);
        return context.attachment(DatabaseHealthMonitor.class)
                .map(running -> section.withCharts(MonitorCharts.of(running.performance()))).orElse(section);
    }

    private static String describe(Health part) {
        Object notApplicable = part.details().get("not_applicable");
        if (notApplicable != null) {
            return "not applicable: " + notApplicable;
        }
        Object notRun = part.details().get("not_run");
        if (notRun != null) {
            return "not run: " + notRun;
        }
        String numbers = part.details().entrySet().stream()
                .filter(e -> e.getValue() instanceof Number || e.getValue() instanceof Boolean)
                .map(e -> e.getKey() + "=" + format(e.getValue())).collect(Collectors.joining(", "));
        Object error = part.details().get("error");
        return part.status() + (error != null ? " (" + error + ")" : "") + (numbers.isEmpty() ? "" : ": " + numbers);
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.3g", d);
        }
        return String.valueOf(v);
    }

    /** Checks whose findings another doctor section on the class path already reports. */
    private static Set<CheckKind> ownedElsewhere() {
        Set<CheckKind> owned = EnumSet.of(CheckKind.CONNECTIONS, CheckKind.IDLE_IN_TRANSACTION);
        for (DoctorSection s : Doctor.discoverSections()) {
            if (s.getClass().getName().startsWith("io.dbopt.index.")) {
                owned.add(CheckKind.INVALID_INDEXES);
                owned.add(CheckKind.INDEX_BLOAT);
            }
        }
        return owned;
    }
}
