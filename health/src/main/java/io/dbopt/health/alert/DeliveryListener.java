package io.dbopt.health.alert;

/** Hears how each notification went, per sink: for the notification counter. Implementations are thread-safe. */
@FunctionalInterface
public interface DeliveryListener {

    /** The outcomes a notification can have at one sink. */
    enum Outcome {
        /** Delivered. */
        SENT,
        /** Delivery failed (after retries, for the webhook). */
        FAILED,
        /** Dropped because a queue was full. */
        DROPPED,
        /** Not sent by this instance: another instance claimed it. */
        SKIPPED
    }

    /** One notification's outcome at one sink ({@code "*"} for a claim lost before any sink). */
    void outcome(String sink, Outcome outcome);

    /** A listener that ignores everything. */
    static DeliveryListener none() {
        return (sink, outcome) -> { };
    }
}
