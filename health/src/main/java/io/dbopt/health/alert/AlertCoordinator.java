package io.dbopt.health.alert;

import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Decides which application instance sends a notification when several instances run the same rules, so a firing
 * alert is sent once, and its resolution once. Each transition (fire, repeat, resolve) is claimed with one atomic
 * conditional write in a store every instance shares: the database ({@link #database}) or Redis ({@link #redis}).
 * The first instance to claim a transition sends it; the others skip it. A claim that cannot be made (the store is
 * unreachable) lets the notification through, so an outage can cause duplicates but never silence. Implementations
 * are thread-safe; {@link #close()} releases their connections.
 */
public interface AlertCoordinator extends AutoCloseable {

    /**
     * Whether this instance sends {@code alert} (a firing, repeat or resolved notification).
     *
     * @param cooldown the time a resolved alert stays quiet
     * @param repeatInterval the time between notifications of a still-firing alert
     * @throws Exception when the store cannot be reached; the caller then sends anyway
     */
    boolean claim(Alert alert, Duration cooldown, Duration repeatInterval) throws Exception;

    /** The coordinator's name for logs ({@code local}, {@code database}, {@code redis}). */
    String name();

    @Override
    default void close() {
        // nothing held by default
    }

    /** No coordination: this instance sends every notification it decides on. */
    static AlertCoordinator local() {
        return new AlertCoordinator() {
            @Override
            public boolean claim(Alert alert, Duration cooldown, Duration repeatInterval) {
                return true;
            }

            @Override
            public String name() {
                return "local";
            }
        };
    }

    /**
     * Coordination through a small table (one row per alert, created when missing) in the database that
     * {@code dataSource} reaches; each claim opens a connection of its own, runs one conditional statement under
     * {@code statementTimeout} and closes it. Time is the database's clock, shared by every instance.
     *
     * @param table the table's name (quoted through the detected dialect)
     * @param sender who this instance is, recorded with each claim (e.g. {@code pid@host})
     */
    static AlertCoordinator database(DataSource dataSource, String table, String sender,
                                     Duration statementTimeout) {
        return new DatabaseCoordinator(dataSource, table, sender, statementTimeout);
    }

    /**
     * Coordination through Redis (a hash per alert, changed by one Lua script per claim, on Redis's clock); needs
     * {@code io.lettuce:lettuce-core} on the class path.
     *
     * @param redisUri e.g. {@code redis://host:6379/0}
     * @param sender who this instance is, recorded with each claim
     * @throws IllegalStateException when Lettuce is not on the class path
     */
    static AlertCoordinator redis(String redisUri, String sender, Duration timeout) {
        Objects.requireNonNull(redisUri, "redisUri");
        try {
            Class.forName("io.lettuce.core.RedisClient", false, AlertCoordinator.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("alerts.coordination=redis needs io.lettuce:lettuce-core on the class "
                    + "path: add it, or use alerts.coordination=database", e);
        }
        return new RedisCoordinator(redisUri, sender, timeout);
    }
}
