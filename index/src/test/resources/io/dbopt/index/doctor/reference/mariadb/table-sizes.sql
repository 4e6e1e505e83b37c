-- The largest tables of a schema, for the doctor's size chart: data and index sizes as the storage engine reports
-- them (InnoDB: allocated pages, refreshed with the table's statistics). Parameters: schema.
SELECT TABLE_NAME AS table_name,
       COALESCE(DATA_LENGTH, 0) AS table_bytes,
       COALESCE(INDEX_LENGTH, 0) AS index_bytes
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
  AND TABLE_TYPE = 'BASE TABLE'
ORDER BY COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0) DESC, TABLE_NAME
LIMIT 10
