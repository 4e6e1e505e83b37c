-- Claims a fire of an alert that resolved before, once the cooldown has passed.
-- Parameters: instance, fingerprint, cooldown in microseconds.
UPDATE {table}
SET state = 'firing', changed_at = NOW(6), sent_at = NOW(6), sent_by = ?
WHERE fingerprint = ?
  AND state = 'resolved'
  AND changed_at <= NOW(6) - INTERVAL ? MICROSECOND
