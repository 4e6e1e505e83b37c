package io.dbopt.transaction;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A session of the current database with an open transaction or a lock wait, as the server reports it
 * ({@code pg_stat_activity} with {@code pg_blocking_pids}; {@code information_schema.INNODB_TRX} with
 * {@code PROCESSLIST} and {@code INNODB_LOCK_WAITS}).
 *
 * @param sessionId the server's id: PostgreSQL backend pid, MariaDB connection id
 * @param user the user it authenticated as
 * @param application the application name (PostgreSQL) or client host (MariaDB)
 * @param state {@code active}, {@code idle in transaction}, {@code waiting for lock}, ...
 * @param transactionAge how long its transaction has been open; zero when it has none
 * @param stateAge how long it has been in its current state
 * @param blockedBy ids of the sessions it waits for, empty when it does not wait
 * @param waitingFor the lock it waits for ({@code ShareLock on transaction 123}, {@code X on `db`.`t`}), or empty
 * @param query the current or last statement with literals masked and cut to 300 characters
 */
public record ServerTransaction(String sessionId, String user, String application, String state,
                                Duration transactionAge, Duration stateAge, List<String> blockedBy, String waitingFor,
                                String query) {

    /** Validates and copies. */
    public ServerTransaction {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(transactionAge, "transactionAge");
        Objects.requireNonNull(stateAge, "stateAge");
        blockedBy = List.copyOf(blockedBy);
        Objects.requireNonNull(waitingFor, "waitingFor");
        Objects.requireNonNull(query, "query");
    }

    /** Whether it waits for a lock held by another session. */
    public boolean isWaiting() {
        return !blockedBy.isEmpty();
    }

    /** Whether it sits idle inside its transaction. */
    public boolean isIdleInTransaction() {
        return state.startsWith("idle in transaction");
    }
}
