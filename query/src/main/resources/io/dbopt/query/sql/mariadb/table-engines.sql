-- The storage engine of tables in the current database, to refuse ANALYZE of writes that a rollback cannot undo.
SELECT TABLE_NAME, coalesce(ENGINE, '')
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE()
