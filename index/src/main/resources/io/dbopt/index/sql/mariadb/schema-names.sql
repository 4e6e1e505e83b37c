-- The index names of every table of one schema (index names are per table on MariaDB), read once when many index
-- names are chosen (name-taken.sql checks one).
-- Parameters: schema.
SELECT TABLE_NAME AS table_name,
       INDEX_NAME AS name
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
GROUP BY TABLE_NAME, INDEX_NAME
