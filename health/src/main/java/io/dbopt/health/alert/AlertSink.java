package io.dbopt.health.alert;

/**
 * Where alert notifications go: a log, a webhook, a callback. {@link #send(Alert)} is called on the alert manager's
 * own thread, never the monitor's, once per notification (firing, repeat, resolved) after the instances agreed
 * which of them sends it; it should return quickly (the webhook sink queues and posts on a thread of its own).
 */
public interface AlertSink extends AutoCloseable {

    /** The sink's name, for logs and the {@code sink} tag of the notification counter. */
    String name();

    /**
     * Delivers one notification.
     *
     * @throws Exception when delivery failed; the manager counts and logs it, and the other sinks still get theirs
     */
    void send(Alert alert) throws Exception;

    /** Releases what the sink holds; idempotent. */
    @Override
    default void close() {
        // most sinks hold nothing
    }
}
