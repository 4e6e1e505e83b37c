-- health.table-bloat: tables whose size exceeds what their live rows need, an estimate from statistics: each row
-- takes a 24-byte aligned header, its columns' average widths (pg_stats) rounded up to 8 bytes and a 4-byte line
-- pointer; pages hold block_size minus a 24-byte header, filled to the table's fillfactor (100 by default). Only
-- tables at least as large as the threshold are estimated (a smaller one cannot waste that much), so the costly
-- pg_stats view is read for a few tables at most (the size filter reads relpages, which VACUUM and ANALYZE keep
-- current, like the row estimate this needs anyway). Tables without statistics are skipped.
-- Parameters: minimum wasted bytes (twice).
WITH candidates AS (
    SELECT n.nspname AS schema_name,
           c.relname AS table_name,
           c.reltuples::numeric AS row_estimate,
           pg_relation_size(c.oid)::numeric AS table_bytes,
           current_setting('block_size')::numeric AS block_size,
           coalesce(substring(array_to_string(c.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::numeric, 100)
               AS fill_factor
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'm')
      AND c.reltuples > 0
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND c.relpages::numeric * current_setting('block_size')::numeric >= ?
),
estimate AS (
    SELECT t.schema_name, t.table_name, t.table_bytes,
           ceil(t.row_estimate * (24 + ceil(w.data_width / 8) * 8 + 4)
                / ((t.block_size - 24) * t.fill_factor / 100)) * t.block_size AS expected_bytes
    FROM candidates t
    JOIN LATERAL (SELECT sum((1 - s.null_frac) * s.avg_width) AS data_width
                  FROM pg_catalog.pg_stats s
                  WHERE s.schemaname = t.schema_name AND s.tablename = t.table_name) w ON w.data_width IS NOT NULL
)
SELECT schema_name,
       table_name,
       table_bytes::bigint AS table_bytes,
       greatest(table_bytes - expected_bytes, 0)::bigint AS wasted_bytes
FROM estimate
WHERE table_bytes - expected_bytes >= ?
ORDER BY wasted_bytes DESC, schema_name, table_name
LIMIT 50
