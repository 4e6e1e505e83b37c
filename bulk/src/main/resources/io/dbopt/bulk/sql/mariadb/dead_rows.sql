-- InnoDB tables of the current database with much free space after deletes: at least ? bytes and ? of their size.
SELECT TABLE_NAME, DATA_LENGTH + INDEX_LENGTH, DATA_FREE
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND ENGINE = 'InnoDB'
  AND DATA_FREE >= ? AND DATA_FREE >= ? * (DATA_LENGTH + INDEX_LENGTH)
ORDER BY DATA_FREE DESC
LIMIT 20
