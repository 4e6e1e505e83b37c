-- Claims a repeat notification of a still-firing alert, once the repeat interval has passed.
-- Parameters: instance, fingerprint, repeat interval in microseconds.
UPDATE {table}
SET sent_at = clock_timestamp(), sent_by = ?
WHERE fingerprint = ?
  AND state = 'firing'
  AND sent_at <= clock_timestamp() - make_interval(secs => ? / 1000000.0)
