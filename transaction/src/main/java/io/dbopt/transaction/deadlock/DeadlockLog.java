package io.dbopt.transaction.deadlock;

import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.transaction.DeadlockRecord;
import io.dbopt.transaction.server.OwnWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Persists deadlock records to a table the user names, created on first use. One row per deadlock: when, where from,
 * the victim, a one-line summary and one line per participant. Runs on its own auto-commit connection, never inside
 * the victim's transaction.
 */
public final class DeadlockLog {

    private final String table;
    private volatile boolean created;

    /** A log writing to {@code table}, a name checked and quoted by the dialect when it is used. */
    public DeadlockLog(String table) {
        this.table = table;
    }

    /** The table's name as the user gave it. */
    public String table() {
        return table;
    }

    /**
     * Writes one record, creating the table first if this log has not yet done so; every statement is limited to
     * {@code timeout}.
     */
    public void write(Connection connection, Dialect dialect, DeadlockRecord record, Duration timeout)
            throws SQLException {
        String quoted = dialect.quote(table);
        if (!created) {
            execute(connection, timeout, dialect instanceof MariaDbDialect
                    ? "CREATE TABLE IF NOT EXISTS " + quoted + " (id bigint AUTO_INCREMENT PRIMARY KEY, "
                            + "detected_at datetime(6) NOT NULL, source varchar(10) NOT NULL, "
                            + "transaction_name varchar(100), victim_session varchar(40), "
                            + "summary text NOT NULL, participants text NOT NULL)"
                    : "CREATE TABLE IF NOT EXISTS " + quoted + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                            + "detected_at timestamptz NOT NULL, source varchar(10) NOT NULL, "
                            + "transaction_name varchar(100), victim_session varchar(40), "
                            + "summary text NOT NULL, participants text NOT NULL)");
            created = true;
        }
        String participants = record.participants().stream()
                .map(p -> String.join("\t", p.sessionId(), p.transactionId(), p.lockMode(), p.lockObject(),
                        p.blockedBy(), p.victim() ? "victim" : "", p.query()))
                .collect(Collectors.joining("\n"));
        update(connection, timeout, "INSERT INTO " + quoted + " (detected_at, source, transaction_name, victim_session, "
                        + "summary, participants) VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(record.detectedAt()), record.source().name(), record.transactionName().orElse(null),
                record.victim().map(DeadlockRecord.Participant::sessionId).orElse(null), record.summary(),
                participants);
    }

    private static void execute(Connection connection, Duration timeout, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout(OwnWork.secondsFor(timeout));
            st.execute(sql);
        }
    }

    private static void update(Connection connection, Duration timeout, String sql, Object... values)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(OwnWork.secondsFor(timeout));
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
