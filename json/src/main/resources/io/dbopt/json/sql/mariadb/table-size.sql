-- Estimated rows and total size of a table of the current database.
SELECT COALESCE(TABLE_ROWS, 0) AS table_rows, DATA_LENGTH + INDEX_LENGTH AS table_bytes
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
