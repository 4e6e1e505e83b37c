package io.dbopt.health.alert;

import java.util.Objects;
import java.util.function.Consumer;

/** Hands each notification to application code. */
final class CallbackSink implements AlertSink {

    private final String name;
    private final Consumer<Alert> callback;

    CallbackSink(String name, Consumer<Alert> callback) {
        this.name = Objects.requireNonNull(name, "name");
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Alert alert) {
        callback.accept(alert);
    }
}
