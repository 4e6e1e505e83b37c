package io.dbopt.health.alert;

/** Where an alert stands. */
public enum AlertState {
    /** The condition holds but not yet for the rule's for-duration (or the alert is cooling down). */
    PENDING,
    /** The condition has held for the for-duration: notified. */
    FIRING,
    /** The condition stopped holding after the alert fired: notified once, then the alert is gone. */
    RESOLVED
}
