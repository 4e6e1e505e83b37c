package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code replication-slots} (PostgreSQL): inactive replication slots. A slot nobody consumes keeps every WAL segment
 * since its position (until {@code max_slot_wal_keep_size}) and, for a logical slot, holds back vacuum.
 */
public final class ReplicationSlotsCheck implements HealthCheck {

    /** Warns for every inactive slot. */
    public ReplicationSlotsCheck() {
        // no threshold: an inactive slot is a finding
    }

    @Override
    public CheckKind kind() {
        return CheckKind.REPLICATION_SLOTS;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return dialect instanceof PostgresDialect ? Optional.empty()
                : Optional.of("MariaDB has no replication slots: binary logs are kept by binlog_expire_logs_seconds");
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        record Slot(String name, String type, long retained) {
        }
        List<Slot> slots = CheckSupport.query(ctx, "replication-slots", rs -> new Slot(rs.getString("slot_name"),
                rs.getString("slot_type"), rs.getLong("retained_bytes")));
        Health.Builder b = Health.builder(kind().id()).detail("inactive_slots", slots.size());
        for (Slot s : slots) {
            b.finding(Finding.builder(kind().checkId(), Severity.WARNING)
                    .object(DbObject.of(ObjectType.OTHER, "slot " + s.name()))
                    .message("Replication slot " + s.name() + " (" + s.type() + ") is inactive and retains "
                            + CheckSupport.bytes(s.retained()) + " of WAL: the disk fills while nobody consumes it")
                    .evidence("retained_bytes", s.retained())
                    .fix(Fix.advice("reconnect its consumer, or drop it with pg_drop_replication_slot('" + s.name()
                            + "') when it is abandoned"))
                    .build());
        }
        return b.build();
    }
}
