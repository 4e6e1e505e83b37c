-- index.bloated: B-tree indexes much larger than the same index freshly built would be. The expected size comes
-- from the row estimate (reltuples) and the column widths in pg_stats, after the well-known estimate of
-- pgexperts / ioguix: tuple header 8 bytes (16 with a null bitmap), data aligned to 8 bytes, a 4-byte line pointer,
-- pages of block_size minus 40 bytes of header and B-tree opaque data, filled to the index's fillfactor. Indexes
-- on expressions and tables without statistics are skipped.
-- Parameters: schema, minimum bloat share (0..1), minimum bloat in bytes.
WITH idx AS (
    SELECT x.indexrelid,
           x.indrelid,
           x.indkey,
           n.nspname AS schema_name,
           t.relname AS table_name,
           i.relname AS index_name,
           i.reltuples,
           pg_relation_size(x.indexrelid) AS index_bytes,
           current_setting('block_size')::numeric AS block_size,
           coalesce(substring(array_to_string(i.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::numeric, 90)
               AS fill_factor
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_am am ON am.oid = i.relam AND am.amname = 'btree'
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ?
      AND i.relkind = 'i'
      AND x.indisvalid
      AND x.indexprs IS NULL
      AND i.reltuples >= 0
),
widths AS (
    SELECT idx.indexrelid,
           sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0))::numeric AS data_width,
           max(coalesce(s.null_frac, 0)) > 0 AS has_nulls,
           count(s.attname) = count(*) AS has_stats
    FROM idx
    JOIN LATERAL unnest(idx.indkey::int2[]) AS k(attnum) ON true
    JOIN pg_catalog.pg_attribute a ON a.attrelid = idx.indrelid AND a.attnum = k.attnum
    LEFT JOIN pg_catalog.pg_stats s ON s.schemaname = idx.schema_name AND s.tablename = idx.table_name
                                   AND s.attname = a.attname
    GROUP BY idx.indexrelid
),
estimate AS (
    SELECT idx.schema_name,
           idx.table_name,
           idx.index_name,
           idx.index_bytes,
           idx.block_size,
           ceil(idx.reltuples::numeric * (8 + CASE WHEN w.has_nulls THEN 8 ELSE 0 END + ceil(w.data_width / 8) * 8 + 4)
                / ((idx.block_size - 40) * idx.fill_factor / 100)) + 1 AS expected_pages
    FROM idx
    JOIN widths w ON w.indexrelid = idx.indexrelid
    WHERE w.has_stats
)
SELECT schema_name,
       table_name,
       index_name,
       index_bytes,
       (greatest(index_bytes / block_size - expected_pages, 0) * block_size)::bigint AS bloat_bytes,
       round(greatest(index_bytes / block_size - expected_pages, 0) / greatest(index_bytes / block_size, 1), 3)
           AS bloat_ratio
FROM estimate
WHERE greatest(index_bytes / block_size - expected_pages, 0) / greatest(index_bytes / block_size, 1) >= ?
  AND greatest(index_bytes / block_size - expected_pages, 0) * block_size >= ?
ORDER BY bloat_bytes DESC, table_name, index_name
