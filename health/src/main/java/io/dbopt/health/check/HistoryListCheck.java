package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code history-list} (MariaDB): the InnoDB history list length (undo records purge has not removed yet) and the
 * age of the oldest open transaction, whose read view keeps purge from going further: the purge lag.
 */
public final class HistoryListCheck implements HealthCheck {

    private final long warn;

    /** Warns at a history list of {@code warn} undo records. */
    public HistoryListCheck(long warn) {
        this.warn = warn;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.HISTORY_LIST;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return dialect instanceof MariaDbDialect ? Optional.empty()
                : Optional.of("the InnoDB history list is a MariaDB concept; PostgreSQL's equivalent is dead rows "
                        + "vacuum cannot remove (wraparound, freeze-age, table-bloat)");
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        List<long[]> rows = CheckSupport.query(ctx, "history-list",
                rs -> new long[] {rs.getLong("history_length"), rs.getLong("oldest_transaction_seconds")});
        long length = rows.get(0)[0];
        long oldest = rows.get(0)[1];
        Health.Builder b = CheckSupport.builder(kind(), ctx, true).detail("history_length", length)
                .detail("oldest_transaction_seconds", oldest);
        if (length >= warn) {
            b.finding(Finding.builder(kind().checkId(), Severity.WARNING)
                    .object(DbObject.setting("innodb_history_list_length"))
                    .message("InnoDB purge is " + length + " undo records behind (the oldest open transaction started "
                            + oldest + " s ago): reads walk ever longer version chains and the undo log grows")
                    .evidence("history_length", length).evidence("oldest_transaction_seconds", oldest)
                    .fix(Fix.advice("end long-running and idle transactions (see idle-in-transaction and "
                            + "long-queries); raise innodb_purge_threads if purge cannot keep up with writes"))
                    .build());
        }
        return b.build();
    }
}
