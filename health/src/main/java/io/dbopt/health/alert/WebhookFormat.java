package io.dbopt.health.alert;

/** The JSON the webhook sink posts. */
public enum WebhookFormat {
    /**
     * The payload Alertmanager itself posts to its webhook receivers (version 4: {@code status}, {@code groupLabels},
     * {@code commonLabels}, {@code alerts[]}), one notification per request: for receivers written for Alertmanager
     * (chat bridges, incident tools).
     */
    ALERTMANAGER_WEBHOOK,
    /**
     * A list of alerts as Alertmanager's own {@code POST /api/v2/alerts} takes them; a firing alert carries an
     * {@code endsAt} of two repeat intervals ahead (it is re-sent every repeat interval), a resolved one its
     * resolution time.
     */
    ALERTMANAGER_API
}
