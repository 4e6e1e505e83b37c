package io.dbopt.core.doctor;

import io.dbopt.core.Capability;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.ReportSection.Fact;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The doctor's first section: who the server is, what it can do, the settings that decide how it fails under
 * load (connection limit, statement, lock and idle timeouts), and the sessions it holds by state.
 */
public final class ServerSection implements DoctorSection {

    @Override
    public String title() {
        return "Server";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public ReportSection run(DoctorContext context) throws Exception {
        DatabaseInfo info = context.info();
        Dialect dialect = context.dialect();
        try (Connection connection = context.dataSource().getConnection()) {
            List<String> identity = Jdbc.query(connection, context.statementTimeout(),
                    SqlResource.load("core", dialect, "database"), rs -> rs.getString(1) + "\t" + rs.getString(2));
            String[] parts = identity.isEmpty() ? new String[] {"", ""} : identity.get(0).split("\t", 2);
            ServerSettings settings = ServerSettings.read(connection, dialect, context.statementTimeout());
            List<ConnectionStates.Row> states;
            String statesNote = "";
            try {
                states = ConnectionStates.read(connection, dialect, context.statementTimeout());
            } catch (SQLException e) {
                if (SqlErrors.classify(e) != ErrorKind.PERMISSION_DENIED) {
                    throw e;
                }
                states = List.of();
                statesNote = "not visible to " + info.userName() + " (grant "
                        + (dialect instanceof PostgresDialect ? "pg_read_all_stats" : "PROCESS") + " to see them)";
            }

            List<Fact> facts = new ArrayList<>();
            facts.add(new Fact("server", info.dialect().toString()));
            facts.add(new Fact("version string", info.productVersion()));
            facts.add(new Fact("driver", info.driverName() + " " + info.driverVersion()));
            facts.add(new Fact("database", parts[0]));
            facts.add(new Fact("user", info.userName()));
            facts.add(new Fact("capabilities", dialect.capabilities().stream().map(Capability::name)
                    .map(n -> n.toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", "))));
            settings.values().forEach((name, value) -> facts.add(new Fact(name, value.display())));
            Map<String, Long> byState = ConnectionStates.countByState(states);
            facts.add(new Fact("sessions by state", !statesNote.isEmpty() ? statesNote
                    : byState.isEmpty() ? "none besides this one"
                    : byState.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", "))));

            List<Finding> findings = new ArrayList<>();
            ServerAdvice advice = new ServerAdvice(dialect, parts[0], parts.length > 1 ? parts[1] : info.userName());
            findings.addAll(advice.timeouts(settings));
            findings.addAll(advice.connections(settings, states));
            return ReportSection.of(title(), facts, findings);
        }
    }
}
