-- index.fk-intersected: two foreign keys of one table to the same table whose column sets overlap without being
-- identical, such as (a) and (a, b), or (a, b) and (b, a): one of them is usually enough.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       c2.conname AS constraint_name,
       c1.conname AS intersects
FROM pg_catalog.pg_constraint c1
JOIN pg_catalog.pg_constraint c2 ON c2.conrelid = c1.conrelid AND c2.confrelid = c1.confrelid
                                 AND c2.conname > c1.conname
JOIN pg_catalog.pg_class t ON t.oid = c1.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND c1.contype = 'f' AND c2.contype = 'f'
  AND c1.conparentid = 0 AND c2.conparentid = 0
  AND c1.conkey && c2.conkey
  AND NOT (c1.conkey = c2.conkey AND c1.confkey = c2.confkey)
ORDER BY table_name, constraint_name, intersects
