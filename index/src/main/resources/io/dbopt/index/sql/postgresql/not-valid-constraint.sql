-- index.not-valid-constraint: CHECK and foreign key constraints added NOT VALID and never validated: new rows are
-- checked, existing ones are not, and the planner cannot rely on them.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       c.conname AS constraint_name,
       CASE c.contype WHEN 'f' THEN 'foreign key' ELSE 'check' END AS constraint_kind
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND NOT c.convalidated
  AND c.contype IN ('c', 'f')
  AND c.conparentid = 0
ORDER BY table_name, constraint_name
