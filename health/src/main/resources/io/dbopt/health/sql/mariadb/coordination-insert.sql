-- Claims the first fire of an alert: only one instance inserts the row.
-- Parameters: fingerprint, alert name, instance.
INSERT IGNORE INTO {table} (fingerprint, alertname, state, changed_at, sent_at, sent_by)
VALUES (?, ?, 'firing', NOW(6), NOW(6), ?)
