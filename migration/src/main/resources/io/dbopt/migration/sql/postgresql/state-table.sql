-- Whether dbopt's migration state table exists in the current schema.
SELECT count(*)
FROM information_schema.tables
WHERE table_schema = current_schema()
  AND table_name = ?
