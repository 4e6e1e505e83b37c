-- health.index-bloat: B-tree indexes larger than a fresh build would be, an estimate from statistics: each entry
-- takes an 8-byte header (16 with nulls), its columns' average widths rounded up to 8 bytes and a 4-byte line
-- pointer; pages hold block_size minus 40 bytes, filled to the index's fillfactor (90 by default). Only indexes at
-- least as large as the threshold are estimated (a smaller one cannot waste that much), so the costly pg_stats view
-- is read for a few indexes at most (the size filter reads relpages, kept current by VACUUM and ANALYZE). Expression
-- indexes and tables without statistics are skipped.
-- Parameters: minimum wasted bytes (twice).
WITH candidates AS (
    SELECT x.indexrelid, x.indrelid, x.indkey,
           n.nspname AS schema_name,
           t.relname AS table_name,
           i.relname AS index_name,
           i.reltuples::numeric AS entry_estimate,
           pg_relation_size(x.indexrelid)::numeric AS index_bytes,
           current_setting('block_size')::numeric AS block_size,
           coalesce(substring(array_to_string(i.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::numeric, 90)
               AS fill_factor
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_am am ON am.oid = i.relam AND am.amname = 'btree'
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND x.indisvalid
      AND x.indexprs IS NULL
      AND i.reltuples > 0
      AND i.relpages::numeric * current_setting('block_size')::numeric >= ?
),
estimate AS (
    SELECT c.schema_name, c.table_name, c.index_name, c.index_bytes,
           (ceil(c.entry_estimate * (8 + CASE WHEN w.has_nulls THEN 8 ELSE 0 END + ceil(w.data_width / 8) * 8 + 4)
                 / ((c.block_size - 40) * c.fill_factor / 100)) + 1) * c.block_size AS expected_bytes
    FROM candidates c
    JOIN LATERAL (
        SELECT sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0)) AS data_width,
               max(coalesce(s.null_frac, 0)) > 0 AS has_nulls,
               count(s.attname) = count(*) AS has_stats
        FROM unnest(c.indkey::int2[]) AS k(attnum)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.indrelid AND a.attnum = k.attnum
        LEFT JOIN pg_catalog.pg_stats s ON s.schemaname = c.schema_name AND s.tablename = c.table_name
                                       AND s.attname = a.attname) w ON w.has_stats
)
SELECT schema_name,
       table_name,
       index_name,
       index_bytes::bigint AS index_bytes,
       greatest(index_bytes - expected_bytes, 0)::bigint AS wasted_bytes
FROM estimate
WHERE index_bytes - expected_bytes >= ?
ORDER BY wasted_bytes DESC, schema_name, table_name, index_name
LIMIT 50
