package io.dbopt.transaction.server;

import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.transaction.ServerTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB sessions waiting for a metadata lock, added to the InnoDB view of open transactions. The classic pile-up:
 * an idle transaction holds a shared metadata lock on a table, an {@code ALTER TABLE} waits for it, and every query
 * of the table queues behind the ALTER; InnoDB's lock views show none of it. Waiters are the sessions whose
 * {@code PROCESSLIST.STATE} says so; who blocks them comes from {@code performance_schema.metadata_locks} (instrument
 * {@code wait/lock/metadata/sql/mdl}, which {@code .ci/run} turns on) with MariaDB's compatibility rules: a session
 * is blocked by granted locks its request conflicts with, and by pending DDL locks queued before it. Without the
 * instrument the waiters are still listed, with the blocker unknown.
 */
public final class MetadataLockWaits {

    /** Lock types from weakest to strongest, as {@code metadata_locks.LOCK_TYPE} names them. */
    private static final List<String> TYPES = List.of("SHARED", "SHARED_HIGH_PRIO", "SHARED_READ", "SHARED_WRITE",
            "SHARED_UPGRADABLE", "SHARED_NO_WRITE", "SHARED_NO_READ_WRITE", "EXCLUSIVE");
    private static final String NO_INSTRUMENT = " (blocker unknown: enable the performance_schema instrument "
            + "wait/lock/metadata/sql/mdl)";

    private MetadataLockWaits() {
    }

    /** One metadata lock held or requested. */
    private record Lock(String session, String object, String type, boolean granted) {
    }

    /** The InnoDB view with metadata-lock waiters added and their blockers filled in. */
    public static List<ServerTransaction> merge(Connection c, List<ServerTransaction> innodb, Duration timeout)
            throws SQLException {
        List<ServerTransaction> waiters = Jdbc.query(c, timeout, "SELECT CAST(p.ID AS CHAR), coalesce(p.USER, ''), "
                        + "coalesce(substring_index(p.HOST, ':', 1), '(none)'), coalesce(p.TIME_MS / 1000, p.TIME, 0), "
                        + "coalesce(p.INFO, ''), p.STATE FROM information_schema.PROCESSLIST p WHERE p.DB = DATABASE() "
                        + "AND p.ID <> CONNECTION_ID() AND p.STATE LIKE 'Waiting for%metadata lock'",
                rs -> new ServerTransaction(rs.getString(1), rs.getString(2), rs.getString(3), "waiting for lock",
                        Duration.ZERO, seconds(rs.getDouble(4)), List.of(), rs.getString(6),
                        ReportedSql.mask(rs.getString(5), true)));
        if (waiters.isEmpty()) {
            return innodb;
        }
        List<Lock> locks = locks(c, timeout);
        Map<String, ServerTransaction> byId = new LinkedHashMap<>();
        innodb.forEach(t -> byId.put(t.sessionId(), t));
        for (ServerTransaction w : waiters) {
            Set<String> blockers = new LinkedHashSet<>();
            String waitingFor = null;
            for (Lock wanted : locks) {
                if (wanted.granted() || !wanted.session().equals(w.sessionId())) {
                    continue;
                }
                waitingFor = "metadata lock " + wanted.type() + " on " + wanted.object();
                for (Lock other : locks) {
                    if (!other.session().equals(w.sessionId()) && other.object().equals(wanted.object())
                            && (other.granted() ? conflicts(wanted.type(), other.type())
                            : queuedAhead(wanted.type(), other.type()))) {
                        blockers.add(other.session());
                    }
                }
            }
            ServerTransaction known = byId.get(w.sessionId());
            if (waitingFor == null) {
                waitingFor = w.waitingFor() + (locks.isEmpty() ? NO_INSTRUMENT : "");
            }
            List<String> blockedBy = new ArrayList<>(known == null ? List.of() : known.blockedBy());
            blockers.stream().filter(b -> !blockedBy.contains(b)).forEach(blockedBy::add);
            byId.put(w.sessionId(), known == null
                    ? new ServerTransaction(w.sessionId(), w.user(), w.application(), w.state(), w.stateAge(),
                            w.stateAge(), blockedBy, waitingFor, w.query())
                    : new ServerTransaction(known.sessionId(), known.user(), known.application(), "waiting for lock",
                            known.transactionAge(), w.stateAge(), blockedBy, waitingFor, known.query()));
        }
        return List.copyOf(byId.values());
    }

    /** The table metadata locks of the current database, or none when performance_schema cannot tell. */
    private static List<Lock> locks(Connection c, Duration timeout) {
        try {
            return Jdbc.query(c, timeout, "SELECT CAST(t.PROCESSLIST_ID AS CHAR), CONCAT(m.OBJECT_SCHEMA, '.', "
                            + "m.OBJECT_NAME), m.LOCK_TYPE, m.LOCK_STATUS FROM performance_schema.metadata_locks m "
                            + "JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID "
                            + "WHERE m.OBJECT_TYPE = 'TABLE' AND m.OBJECT_SCHEMA = DATABASE() "
                            + "AND t.PROCESSLIST_ID IS NOT NULL",
                    rs -> new Lock(rs.getString(1), rs.getString(2), rs.getString(3),
                            "GRANTED".equals(rs.getString(4))));
        } catch (SQLException e) {
            // performance_schema off: the waiters are still worth listing
            return List.of();
        }
    }

    /** Whether a request of type {@code wanted} conflicts with a granted lock of type {@code held}. */
    public static boolean conflicts(String wanted, String held) {
        int w = TYPES.indexOf(wanted);
        int h = TYPES.indexOf(held);
        if (w < 0 || h < 0) {
            return true; // a type this table does not know: assume it conflicts rather than hide a blocker
        }
        // MariaDB's compatibility matrix: how strong a granted lock each request tolerates
        int strongestTolerated = switch (wanted) {
            case "SHARED", "SHARED_HIGH_PRIO" -> TYPES.indexOf("SHARED_NO_READ_WRITE");
            case "SHARED_READ" -> TYPES.indexOf("SHARED_NO_WRITE");
            case "SHARED_WRITE" -> TYPES.indexOf("SHARED_UPGRADABLE");
            case "SHARED_UPGRADABLE" -> TYPES.indexOf("SHARED_WRITE");
            case "SHARED_NO_WRITE" -> TYPES.indexOf("SHARED_READ");
            case "SHARED_NO_READ_WRITE" -> TYPES.indexOf("SHARED_HIGH_PRIO");
            default -> -1; // EXCLUSIVE tolerates nothing
        };
        return h > strongestTolerated;
    }

    /**
     * Whether a request of type {@code wanted} waits behind another session's pending request of type {@code pending}:
     * pending DDL locks are served before new data-access requests, so one waiting ALTER stops every later query.
     */
    public static boolean queuedAhead(String wanted, String pending) {
        return switch (wanted) {
            case "SHARED_READ" -> pending.equals("EXCLUSIVE") || pending.equals("SHARED_NO_READ_WRITE");
            case "SHARED_WRITE" -> pending.equals("EXCLUSIVE") || pending.equals("SHARED_NO_READ_WRITE")
                    || pending.equals("SHARED_NO_WRITE");
            case "SHARED_UPGRADABLE", "SHARED_NO_WRITE", "SHARED_NO_READ_WRITE" -> pending.equals("EXCLUSIVE");
            default -> false;
        };
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.max(0, Math.round(value * 1000)));
    }
}
