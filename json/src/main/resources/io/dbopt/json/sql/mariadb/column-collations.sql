-- Collation of every text column of a table in the current database.
SELECT COLUMN_NAME AS column_name, COLLATION_NAME AS collation_name
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
