-- health.invalid-constraints: foreign-key and check constraints added NOT VALID and never validated: existing rows
-- were not checked.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       c.conname AS constraint_name,
       c.contype::text AS constraint_type
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE NOT c.convalidated
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY schema_name, table_name, constraint_name
