-- Claims the resolution of a firing alert.
-- Parameters: instance, fingerprint.
UPDATE {table}
SET state = 'resolved', changed_at = clock_timestamp(), sent_by = ?
WHERE fingerprint = ?
  AND state = 'firing'
