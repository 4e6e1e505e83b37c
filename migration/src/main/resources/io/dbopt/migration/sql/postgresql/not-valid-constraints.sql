-- Constraints of the current schema added NOT VALID and never validated.
SELECT t.relname AS table_name, con.conname AS constraint_name
FROM pg_constraint con
JOIN pg_class t ON t.oid = con.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE NOT con.convalidated
  AND n.nspname = current_schema()
ORDER BY t.relname, con.conname
