package io.dbopt.health.check;

import io.dbopt.core.finding.CheckId;
import java.util.Locale;
import java.util.Optional;

/**
 * Every check of the health checker, by the name settings, health results and findings use
 * ({@code health.checks=long-queries,blocked-sessions}; component {@code long-queries}; check id
 * {@code health.long-queries}). {@code docs/health.md} gives each one's thresholds, their defaults and where the
 * defaults come from.
 */
public enum CheckKind {
    /** The database answers on the checker's own connection. */
    CONNECTIVITY("connectivity", false),
    /** The probe's round trip. */
    LATENCY("latency", false),
    /** Sessions against {@code max_connections}. */
    CONNECTIONS("connections", false),
    /** Statements running long. */
    LONG_QUERIES("long-queries", false),
    /** Sessions idle inside an open transaction. */
    IDLE_IN_TRANSACTION("idle-in-transaction", false),
    /** Sessions waiting for a lock, and the longest wait. */
    BLOCKED_SESSIONS("blocked-sessions", false),
    /** Transaction-ID wraparound (PostgreSQL). */
    WRAPAROUND("wraparound", true),
    /** Frozen-XID age against {@code autovacuum_freeze_max_age} (PostgreSQL). */
    FREEZE_AGE("freeze-age", true),
    /** InnoDB history list length and the oldest transaction holding purge back (MariaDB). */
    HISTORY_LIST("history-list", false),
    /** Sequences and AUTO_INCREMENT columns near their maximum. */
    SEQUENCES("sequences", true),
    /** Replication lag. */
    REPLICATION_LAG("replication-lag", false),
    /** Inactive replication slots (PostgreSQL). */
    REPLICATION_SLOTS("replication-slots", false),
    /** Buffer cache hit ratio. */
    CACHE_HIT_RATIO("cache-hit-ratio", false),
    /** Invalid indexes (PostgreSQL). */
    INVALID_INDEXES("invalid-indexes", true),
    /** Constraints not validated (PostgreSQL). */
    INVALID_CONSTRAINTS("invalid-constraints", true),
    /** Estimated table bloat. */
    TABLE_BLOAT("table-bloat", true),
    /** Estimated B-tree index bloat (PostgreSQL). */
    INDEX_BLOAT("index-bloat", true),
    /** Deadlocks per minute. */
    DEADLOCKS("deadlocks", false),
    /** Temporary files (PostgreSQL) or on-disk temporary tables (MariaDB). */
    TEMP_FILES("temp-files", false),
    /** The attached application components (a pool, the query profiler, the query cache). */
    COMPONENTS("components", false);

    private final String id;
    private final boolean catalog;

    CheckKind(String id, boolean catalog) {
        this.id = id;
        this.catalog = catalog;
    }

    /** The name, e.g. {@code long-queries}. */
    public String id() {
        return id;
    }

    /** The id of the findings this check writes, e.g. {@code health.long-queries}. */
    public CheckId checkId() {
        return CheckId.of("health." + id);
    }

    /** Whether the check scans the catalog and so runs at the slower catalog interval. */
    public boolean isCatalog() {
        return catalog;
    }

    /** The check with this name ({@code long-queries}, {@code long_queries} or {@code LONG_QUERIES}). */
    public static Optional<CheckKind> byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CheckKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
