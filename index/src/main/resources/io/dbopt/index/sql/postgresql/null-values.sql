-- index.null-values: B-tree indexes (not unique, not partial) over a nullable column. Every NULL is an index entry
-- that equality and range lookups never read; when the column is mostly NULL, a partial index WHERE col IS NOT NULL
-- is smaller and cheaper to maintain. null_share is ANALYZE's null fraction (NULL before the first ANALYZE), looked up
-- for each candidate column (OFFSET 0 keeps the lookup per column: joined as a whole, pg_stats checks the privileges
-- of every statistics row of the database, about 40 % of this query at 1,000 tables).
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       pg_catalog.pg_relation_size(i.oid) AS index_bytes,
       x.indnkeyatts AS key_columns,
       json_agg(a.attname ORDER BY k.position)::text AS nullable_columns,
       max(s.null_frac) AS null_share
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = i.relam
JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, position) ON k.position <= x.indnkeyatts
JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
LEFT JOIN LATERAL (SELECT st.null_frac
                   FROM pg_catalog.pg_stats st
                   WHERE st.schemaname = n.nspname AND st.tablename = t.relname AND st.attname = a.attname
                   OFFSET 0) s ON true
WHERE n.nspname = ?
  AND am.amname = 'btree'
  AND NOT x.indisunique
  AND x.indisvalid
  AND x.indpred IS NULL
  AND NOT a.attnotnull
  AND NOT i.relispartition
GROUP BY n.nspname, t.relname, i.relname, i.oid, x.indnkeyatts
ORDER BY table_name, index_name
