-- index.seq-scan-heavy: tables scanned sequentially often, reading many rows each time: some predicate of the
-- workload lacks an index (or the table is read whole on purpose, as for reports).
-- Parameters: schema, minimum number of sequential scans, minimum average rows read per scan.
SELECT n.nspname AS schema_name,
       s.relname AS table_name,
       s.seq_scan AS seq_scans,
       s.seq_tup_read AS rows_read,
       s.seq_tup_read / greatest(s.seq_scan, 1) AS rows_per_scan,
       coalesce(s.idx_scan, 0) AS index_scans,
       s.n_live_tup AS table_rows,
       pg_relation_size(s.relid) AS table_bytes
FROM pg_catalog.pg_stat_all_tables s
JOIN pg_catalog.pg_class t ON t.oid = s.relid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND t.relkind IN ('r', 'm')
  AND s.seq_scan >= ?
  AND s.seq_tup_read / greatest(s.seq_scan, 1) >= ?
ORDER BY rows_read DESC, table_name
