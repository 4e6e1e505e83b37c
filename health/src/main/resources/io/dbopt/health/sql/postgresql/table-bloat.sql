-- health.table-bloat: tables whose size exceeds what their live rows need, an estimate from statistics: each row
-- takes a 24-byte aligned header, its columns' average widths (pg_stats) rounded up to 8 bytes and a 4-byte line
-- pointer; pages hold block_size minus a 24-byte header, filled to the table's fillfactor (100 by default). Tables
-- without statistics are skipped.
-- Parameters: minimum wasted bytes.
WITH widths AS (
    SELECT schemaname, tablename, sum((1 - null_frac) * avg_width) AS data_width
    FROM pg_catalog.pg_stats
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
    GROUP BY schemaname, tablename
),
tbl AS (
    SELECT n.nspname AS schema_name,
           c.relname AS table_name,
           c.reltuples::numeric AS row_estimate,
           pg_relation_size(c.oid)::numeric AS table_bytes,
           current_setting('block_size')::numeric AS block_size,
           coalesce(substring(array_to_string(c.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::numeric, 100)
               AS fill_factor,
           w.data_width
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN widths w ON w.schemaname = n.nspname AND w.tablename = c.relname
    WHERE c.relkind IN ('r', 'm')
      AND c.reltuples > 0
),
estimate AS (
    SELECT schema_name, table_name, table_bytes, block_size,
           ceil(row_estimate * (24 + ceil(data_width / 8) * 8 + 4)
                / ((block_size - 24) * fill_factor / 100)) * block_size AS expected_bytes
    FROM tbl
)
SELECT schema_name,
       table_name,
       table_bytes::bigint AS table_bytes,
       greatest(table_bytes - expected_bytes, 0)::bigint AS wasted_bytes
FROM estimate
WHERE table_bytes - expected_bytes >= ?
ORDER BY wasted_bytes DESC, schema_name, table_name
LIMIT 50
