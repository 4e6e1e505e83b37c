-- Claims the first fire of an alert: only one instance inserts the row.
-- Parameters: fingerprint, alert name, instance.
INSERT INTO {table} (fingerprint, alertname, state, changed_at, sent_at, sent_by)
VALUES (?, ?, 'firing', clock_timestamp(), clock_timestamp(), ?)
ON CONFLICT (fingerprint) DO NOTHING
