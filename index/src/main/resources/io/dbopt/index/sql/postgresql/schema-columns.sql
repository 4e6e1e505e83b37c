-- The columns of every table of one schema with their type names ("ARRAY" for arrays), row estimates and sizes,
-- read once when many tables are looked up (table-columns.sql reads one).
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       a.attname AS column_name,
       CASE WHEN ty.typcategory = 'A' THEN 'ARRAY' ELSE ty.typname END AS data_type,
       greatest(c.reltuples, 0)::bigint AS table_rows,
       pg_relation_size(c.oid) AS table_bytes
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
WHERE n.nspname = ?
  AND c.relkind IN ('r', 'p', 'm')
ORDER BY c.relname, a.attnum
