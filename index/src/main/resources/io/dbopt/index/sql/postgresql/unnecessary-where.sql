-- index.unnecessary-where: partial indexes whose predicate is only "col IS NOT NULL" on columns declared NOT NULL:
-- the WHERE clause filters nothing, yet queries must repeat it for the planner to use the index.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid) AS predicate
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND x.indpred IS NOT NULL
  AND NOT t.relispartition
  AND NOT EXISTS (
      SELECT 1
      FROM regexp_split_to_table(pg_catalog.pg_get_expr(x.indpred, x.indrelid), '\s+AND\s+') AS p(term)
      WHERE NOT EXISTS (
          SELECT 1 FROM pg_catalog.pg_attribute a
          WHERE a.attrelid = t.oid AND a.attnum > 0 AND a.attnotnull
            AND btrim(p.term, '() ') IN (quote_ident(a.attname) || ' IS NOT NULL')))
ORDER BY table_name, index_name
