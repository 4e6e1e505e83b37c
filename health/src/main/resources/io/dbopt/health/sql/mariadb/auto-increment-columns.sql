-- health.sequences: the AUTO_INCREMENT columns of this database, with the column type that bounds them. Read apart
-- from their tables' counters (auto-increment-tables.sql): information_schema does not push a join between COLUMNS
-- and TABLES down to one schema and would read every database's columns.
SELECT TABLE_NAME AS table_name,
       COLUMN_NAME AS column_name,
       DATA_TYPE AS data_type,
       COLUMN_TYPE LIKE '%unsigned%' AS is_unsigned
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
  AND EXTRA LIKE '%auto_increment%'
