-- Sequences of a database.
SELECT TABLE_NAME AS sequence_name
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
  AND TABLE_TYPE = 'SEQUENCE'
ORDER BY TABLE_NAME
