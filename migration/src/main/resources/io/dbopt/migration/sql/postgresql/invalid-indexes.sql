-- Indexes of the current schema left INVALID (a failed or interrupted CREATE INDEX CONCURRENTLY), among the names given.
SELECT c.relname AS index_name
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid
  AND n.nspname = current_schema()
  AND c.relname = ANY (?)
ORDER BY c.relname
