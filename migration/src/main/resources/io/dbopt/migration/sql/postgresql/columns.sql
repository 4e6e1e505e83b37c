-- Columns in ordinal order; format_type gives the DDL spelling, pg_get_expr the default as the server prints it.
-- The second and third parameters limit it to some tables (NULL: every table).
SELECT c.relname AS table_name,
       a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       NOT a.attnotnull AS nullable,
       pg_get_expr(d.adbin, d.adrelid) AS default_expression,
       a.attidentity AS identity,
       a.attnum AS position
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = ?
  AND c.relkind IN ('r', 'p')
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND (?::text[] IS NULL OR c.relname = ANY (?::text[]))
ORDER BY c.relname, a.attnum
