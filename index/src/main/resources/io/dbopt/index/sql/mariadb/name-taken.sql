-- Whether the table has an index of that name (index names are per table and compared without case on MariaDB).
-- Parameters: schema, table, name.
SELECT count(*)
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
  AND TABLE_NAME = ?
  AND INDEX_NAME = ?
