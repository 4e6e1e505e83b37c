-- Claims a repeat notification of a still-firing alert, once the repeat interval has passed.
-- Parameters: instance, fingerprint, repeat interval in microseconds.
UPDATE {table}
SET sent_at = NOW(6), sent_by = ?
WHERE fingerprint = ?
  AND state = 'firing'
  AND sent_at <= NOW(6) - INTERVAL ? MICROSECOND
