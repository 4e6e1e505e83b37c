-- index.fk-without-index: foreign keys whose columns are not the leading key columns (in any order) of a valid,
-- non-partial index on the referencing table. Deleting or updating a parent row then scans the whole child table,
-- under a lock, and joins from parent to children cannot use an index.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       c.conname AS constraint_name,
       json_agg(a.attname ORDER BY k.position)::text AS columns,
       pt.relname AS referenced_table,
       coalesce(st.n_live_tup, 0) AS table_rows,
       pg_relation_size(t.oid) AS table_bytes
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_class pt ON pt.oid = c.confrelid
JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, position) ON true
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
LEFT JOIN pg_catalog.pg_stat_all_tables st ON st.relid = t.oid
WHERE n.nspname = ?
  AND c.contype = 'f'
  AND c.conparentid = 0
  AND NOT EXISTS (
      SELECT 1
      FROM pg_catalog.pg_index x
      WHERE x.indrelid = c.conrelid
        AND x.indisvalid
        AND x.indpred IS NULL
        AND cardinality(c.conkey) <= x.indnkeyatts
        AND (x.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
        AND (x.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
GROUP BY n.nspname, t.relname, c.conname, pt.relname, st.n_live_tup, t.oid
ORDER BY table_name, constraint_name
