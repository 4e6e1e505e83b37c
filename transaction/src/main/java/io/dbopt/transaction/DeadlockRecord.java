package io.dbopt.transaction;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One deadlock: who took part, which lock each waited for, and who was rolled back. Built from the victim's error
 * (PostgreSQL reports the cycle in the error detail) or from the server's own record (MariaDB
 * {@code SHOW ENGINE INNODB STATUS}, section LATEST DETECTED DEADLOCK, parsed like pt-deadlock-logger does).
 * Queries are shown with literals masked; row contents the server prints are never kept.
 *
 * @param detectedAt when the server detected it (server records) or the victim saw it (client records)
 * @param source where the record comes from
 * @param transactionName the name of the dbopt transaction that was the victim, when dbopt saw it
 * @param participants the sessions in the cycle
 */
public record DeadlockRecord(Instant detectedAt, Source source, Optional<String> transactionName,
                             List<Participant> participants) {

    /** Validates and copies. */
    public DeadlockRecord {
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(transactionName, "transactionName");
        participants = List.copyOf(participants);
    }

    /** The participant that was rolled back, when known. */
    public Optional<Participant> victim() {
        return participants.stream().filter(Participant::victim).findFirst();
    }

    /** The tables (or lock objects) involved, as the server names them, in order of first appearance. */
    public List<String> objects() {
        return participants.stream().map(Participant::lockObject).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** One line: {@code 101 waits for ShareLock on transaction 7 held by 102; 102 waits for ...; victim 101}. */
    public String summary() {
        String cycle = participants.stream()
                .map(p -> p.sessionId() + " waits for " + (p.lockMode().isEmpty() ? "a lock" : p.lockMode())
                        + (p.lockObject().isEmpty() ? "" : " on " + p.lockObject())
                        + (p.blockedBy().isEmpty() ? "" : " held by " + p.blockedBy()))
                .collect(Collectors.joining("; "));
        return (cycle.isEmpty() ? "deadlock" : cycle) + victim().map(v -> "; victim " + v.sessionId()).orElse("");
    }

    /** Where a deadlock record comes from. */
    public enum Source {
        /** The error a dbopt transaction received as the victim. */
        CLIENT,
        /** The server's own record of its latest deadlock. */
        SERVER
    }

    /**
     * One session in a deadlock.
     *
     * @param sessionId the server's id of the session (PostgreSQL pid, MariaDB thread id)
     * @param transactionId the server's transaction id, empty when not reported
     * @param lockMode the lock it waited for, e.g. {@code ShareLock} or {@code X locks rec but not gap}
     * @param lockObject what the lock is on, e.g. {@code transaction 1234} or {@code index PRIMARY of table `db`.`t`}
     * @param blockedBy the session holding that lock, empty when not reported
     * @param query its statement with literals masked, empty when not reported
     * @param victim whether the server rolled this one back
     */
    public record Participant(String sessionId, String transactionId, String lockMode, String lockObject,
                              String blockedBy, String query, boolean victim) {
        /** Validates. */
        public Participant {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(lockMode, "lockMode");
            Objects.requireNonNull(lockObject, "lockObject");
            Objects.requireNonNull(blockedBy, "blockedBy");
            Objects.requireNonNull(query, "query");
        }
    }
}
