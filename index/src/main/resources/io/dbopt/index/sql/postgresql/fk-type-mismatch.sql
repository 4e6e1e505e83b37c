-- index.fk-type-mismatch: foreign keys whose column type differs from the referenced column's (int against bigint,
-- varchar(50) against text): every check and join casts, and the smaller side overflows first.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       c.conname AS constraint_name,
       a.attname AS column_name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
       pn.nspname || '.' || pt.relname AS referenced_table,
       pa.attname AS referenced_column,
       pg_catalog.format_type(pa.atttypid, pa.atttypmod) AS referenced_type
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_class pt ON pt.oid = c.confrelid
JOIN pg_catalog.pg_namespace pn ON pn.oid = pt.relnamespace
JOIN LATERAL unnest(c.conkey, c.confkey) AS k(attnum, refnum) ON true
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
JOIN pg_catalog.pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.refnum
WHERE n.nspname = ?
  AND c.contype = 'f'
  AND c.conparentid = 0
  AND (a.atttypid, a.atttypmod) <> (pa.atttypid, pa.atttypmod)
ORDER BY table_name, constraint_name, column_name
