package io.dbopt.health.alert;

import java.util.function.Consumer;

/** The ready-made alert sinks: SLF4J, a webhook speaking Alertmanager's JSON, and a Java callback. */
public final class AlertSinks {

    private AlertSinks() {
    }

    /** Logs firing alerts at WARN (critical ones at ERROR) and resolutions at INFO, each line starting with {@code resource}. */
    public static AlertSink log(String resource) {
        return new LogSink(resource);
    }

    /**
     * Posts to a webhook on a thread of its own, from a bounded queue, with timeouts and bounded retries.
     *
     * @param listener hears whether each post was sent, failed or dropped
     */
    public static AlertSink webhook(String resource, WebhookSettings settings, DeliveryListener listener) {
        return new WebhookSink(resource, settings, listener);
    }

    /** Hands every notification to {@code callback}, on the alert manager's thread. */
    public static AlertSink callback(String name, Consumer<Alert> callback) {
        return new CallbackSink(name, callback);
    }
}
