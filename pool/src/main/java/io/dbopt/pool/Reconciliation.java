package io.dbopt.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pool's view of its connections set against the server's ({@code pg_stat_activity} /
 * {@code information_schema.PROCESSLIST}, found by application name or user). When dbopt built the pool it knows the
 * server session id of every connection and can name the ones the server dropped; for an adopted pool only counts
 * are compared. Immutable.
 *
 * @param at when the server was read
 * @param application the application name (or {@code user <name>}) the sessions were found by
 * @param poolTotal connections the pool holds open
 * @param poolActive connections the pool has lent out
 * @param sessionIdsKnown whether the pool knows its connections' session ids (it built them)
 * @param serverSessions sessions the server attributes to the application, every instance included
 * @param ownSessionsOnServer how many of the pool's connections the server still has, -1 when ids are unknown
 * @param ownActiveOnServer how many of those the server sees running a statement, -1 when ids are unknown
 * @param droppedByServer session ids the pool counts but the server no longer has (now condemned and evicted)
 * @param idleInTransaction the application's sessions the server sees idle inside a transaction
 */
public record Reconciliation(Instant at, String application, int poolTotal, int poolActive, boolean sessionIdsKnown,
                             int serverSessions, int ownSessionsOnServer, int ownActiveOnServer,
                             List<Long> droppedByServer, List<IdleTransaction> idleInTransaction) {

    /** Validates and copies. */
    public Reconciliation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(application, "application");
        droppedByServer = List.copyOf(droppedByServer);
        idleInTransaction = List.copyOf(idleInTransaction);
    }

    /** Sessions of the same application that are not this pool's: other instances, or other pools. */
    public int otherSessions() {
        return ownSessionsOnServer < 0 ? Math.max(0, serverSessions - poolTotal) : serverSessions - ownSessionsOnServer;
    }

    /** Whether the server has every connection the pool counts (always true when ids are unknown). */
    public boolean consistent() {
        return droppedByServer.isEmpty();
    }

    /**
     * A session the server sees idle inside a transaction: it holds locks and snapshots while nobody works on it.
     *
     * @param sessionId the server's session id
     * @param idleFor how long it has been idle
     * @param transactionAge how old its transaction is, zero when the server does not say
     * @param lent whether the pool has lent the connection out (false: it sits in the pool with a transaction open)
     * @param holder the thread holding it, when lent and known
     */
    public record IdleTransaction(long sessionId, Duration idleFor, Duration transactionAge, boolean lent,
                                  Optional<String> holder) {
        /** Validates. */
        public IdleTransaction {
            Objects.requireNonNull(idleFor, "idleFor");
            Objects.requireNonNull(transactionAge, "transactionAge");
            Objects.requireNonNull(holder, "holder");
        }
    }
}
