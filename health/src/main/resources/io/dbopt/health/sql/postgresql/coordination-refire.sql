-- Claims a fire of an alert that resolved before, once the cooldown has passed.
-- Parameters: instance, fingerprint, cooldown in microseconds.
UPDATE {table}
SET state = 'firing', changed_at = clock_timestamp(), sent_at = clock_timestamp(), sent_by = ?
WHERE fingerprint = ?
  AND state = 'resolved'
  AND changed_at <= clock_timestamp() - make_interval(secs => ? / 1000000.0)
