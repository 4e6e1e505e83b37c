-- Claims the resolution of a firing alert.
-- Parameters: instance, fingerprint.
UPDATE {table}
SET state = 'resolved', changed_at = NOW(6), sent_by = ?
WHERE fingerprint = ?
  AND state = 'firing'
