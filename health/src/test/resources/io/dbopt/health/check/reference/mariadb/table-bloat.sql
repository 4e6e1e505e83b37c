-- health.table-bloat: tables of this database with free space InnoDB keeps inside their tablespace (DATA_FREE:
-- pages freed by deletes that OPTIMIZE TABLE would return). Tables in the shared system tablespace report that
-- tablespace's free space and are left out.
-- Parameters: minimum wasted bytes.
SELECT TABLE_SCHEMA AS schema_name,
       TABLE_NAME AS table_name,
       DATA_LENGTH + INDEX_LENGTH AS table_bytes,
       DATA_FREE AS wasted_bytes
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_TYPE = 'BASE TABLE'
  AND ENGINE = 'InnoDB'
  AND CREATE_OPTIONS NOT LIKE '%tablespace%'
  AND DATA_FREE >= ?
ORDER BY DATA_FREE DESC, TABLE_NAME
LIMIT 50
