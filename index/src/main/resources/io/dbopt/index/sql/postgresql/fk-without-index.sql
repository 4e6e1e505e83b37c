-- index.fk-without-index: foreign keys whose columns are not the leading key columns (in any order) of a valid
-- index on the referencing table. A partial index counts when its predicate is only "<fk column> IS NOT NULL"
-- terms: every lookup by the key has a non-null value. Deleting or updating a parent row otherwise scans the whole
-- child table, under a lock, and joins from parent to children cannot use an index. Rows are the catalog's estimate
-- (reltuples, -1 before the first VACUUM/ANALYZE, then estimated from the pages), never the statistics counters a
-- reset zeroes; stats_at says when the estimate was last refreshed.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       c.conname AS constraint_name,
       json_agg(a.attname ORDER BY k.position)::text AS columns,
       coalesce(json_agg(a.attname ORDER BY k.position) FILTER (WHERE NOT a.attnotnull), '[]')::text
           AS nullable_columns,
       pt.relname AS referenced_table,
       CASE WHEN t.relkind = 'p' THEN (SELECT coalesce(sum(greatest(l.reltuples, 0)), 0)::bigint
                                       FROM pg_catalog.pg_partition_tree(t.oid) pt
                                       JOIN pg_catalog.pg_class l ON l.oid = pt.relid
                                       WHERE pt.isleaf)
            WHEN t.reltuples >= 0 THEN t.reltuples::bigint
            ELSE (pg_relation_size(t.oid) / 8192 * 100)::bigint END AS table_rows,
       t.reltuples < 0 AS rows_guessed,
       t.relkind = 'p' AS partitioned,
       greatest(st.last_analyze, st.last_autoanalyze, st.last_vacuum, st.last_autovacuum) AS stats_at,
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
        AND (x.indpred IS NULL
             OR NOT EXISTS (
                 SELECT 1
                 FROM regexp_split_to_table(pg_catalog.pg_get_expr(x.indpred, x.indrelid), '\s+AND\s+') AS p(term)
                 WHERE btrim(p.term, '() ') NOT IN (
                     SELECT quote_ident(fa.attname) || ' IS NOT NULL'
                     FROM pg_catalog.pg_attribute fa
                     WHERE fa.attrelid = c.conrelid AND fa.attnum = ANY (c.conkey))))
        AND cardinality(c.conkey) <= x.indnkeyatts
        AND (x.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
        AND (x.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
GROUP BY n.nspname, t.relname, c.conname, pt.relname, t.oid, t.reltuples, t.relkind, st.last_analyze, st.last_autoanalyze,
         st.last_vacuum, st.last_autovacuum
ORDER BY table_name, constraint_name
