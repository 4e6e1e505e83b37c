-- Tables of the current database shaped like a Flyway history table.
SELECT TABLE_NAME AS table_name
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
  AND COLUMN_NAME IN ('installed_rank', 'version', 'script', 'checksum', 'success')
GROUP BY TABLE_NAME
HAVING COUNT(*) = 5
ORDER BY TABLE_NAME
