-- Index columns in key order; PRIMARY is read as the primary key constraint.
-- The second and third parameters limit it to one table (NULL: every table).
SELECT TABLE_NAME AS table_name,
       INDEX_NAME AS index_name,
       NON_UNIQUE = 0 AS is_unique,
       SEQ_IN_INDEX AS seq,
       COLUMN_NAME AS column_name,
       SUB_PART AS sub_part
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
  AND (? IS NULL OR TABLE_NAME = ?)
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
