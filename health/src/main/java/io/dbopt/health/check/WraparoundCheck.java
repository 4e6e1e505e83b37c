package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code wraparound} and {@code freeze-age} (PostgreSQL): the age of each database's oldest unfrozen transaction
 * ID, in transactions ({@code wraparound}: PostgreSQL stops accepting writes at about 2.1 billion) or as a share of
 * {@code autovacuum_freeze_max_age} ({@code freeze-age}: past it, autovacuum must freeze the whole database).
 */
public final class WraparoundCheck implements HealthCheck {

    private final CheckKind kind;
    private final double warn;
    private final double error;

    private WraparoundCheck(CheckKind kind, double warn, double error) {
        this.kind = kind;
        this.warn = warn;
        this.error = error;
    }

    /** {@code wraparound}: warns at an age of {@code warn} transactions, an error at {@code error}. */
    public static WraparoundCheck wraparound(long warn, long error) {
        return new WraparoundCheck(CheckKind.WRAPAROUND, warn, error);
    }

    /** {@code freeze-age}: warns at {@code warn} of {@code autovacuum_freeze_max_age}, an error at {@code error}. */
    public static WraparoundCheck freezeAge(double warn, double error) {
        return new WraparoundCheck(CheckKind.FREEZE_AGE, warn, error);
    }

    @Override
    public CheckKind kind() {
        return kind;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return dialect instanceof PostgresDialect ? Optional.empty()
                : Optional.of("transaction-ID wraparound is a PostgreSQL concept; MariaDB's equivalent risk is "
                        + "purge lag (history-list)");
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        record Row(String database, long age, long freezeMaxAge) {
        }
        List<Row> rows = CheckSupport.query(ctx, "wraparound",
                rs -> new Row(rs.getString("database_name"), rs.getLong("xid_age"), rs.getLong("freeze_max_age")));
        Health.Builder b = Health.builder(kind.id());
        if (rows.isEmpty()) {
            return b.build();
        }
        Row oldest = rows.get(0);
        double value = kind == CheckKind.WRAPAROUND ? oldest.age() : (double) oldest.age() / oldest.freezeMaxAge();
        b.detail("database", oldest.database()).detail("xid_age", oldest.age())
                .detail("autovacuum_freeze_max_age", oldest.freezeMaxAge());
        Optional<Severity> severity = CheckSupport.grade(value, warn, error);
        if (severity.isEmpty()) {
            return b.build();
        }
        String message = kind == CheckKind.WRAPAROUND
                ? "Database " + oldest.database() + " has transaction IDs " + oldest.age() + " transactions old: at "
                        + "about 2.1 billion PostgreSQL stops accepting writes to prevent wraparound"
                : "Database " + oldest.database() + " is at " + CheckSupport.percent(value) + " of "
                        + "autovacuum_freeze_max_age (" + oldest.age() + " of " + oldest.freezeMaxAge()
                        + "): an aggressive anti-wraparound vacuum is due or running";
        return b.finding(Finding.builder(kind.checkId(), severity.get())
                .object(DbObject.database(oldest.database())).message(message)
                .evidence("xid_age", oldest.age()).evidence("autovacuum_freeze_max_age", oldest.freezeMaxAge())
                .fix(Fix.sql("freeze the oldest tables of the database (connected to it), and find what holds back "
                        + "vacuum: long transactions, abandoned replication slots, prepared transactions",
                        "VACUUM (FREEZE, VERBOSE)"))
                .build()).build();
    }
}
