-- health.sequences: the next AUTO_INCREMENT value of each table of this database that has one.
SELECT TABLE_NAME AS table_name,
       AUTO_INCREMENT AS next_value
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_TYPE = 'BASE TABLE'
  AND AUTO_INCREMENT IS NOT NULL
