-- health.sequences: the SEQUENCE objects of this database (MariaDB 10.3+); each is then read on its own.
SELECT TABLE_NAME AS sequence_name
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_TYPE = 'SEQUENCE'
ORDER BY TABLE_NAME
