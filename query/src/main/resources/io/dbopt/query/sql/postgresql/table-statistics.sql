-- Size and freshness of the statistics of the tables a plan reads, by name as the plan shows them (tables visible
-- on the search path). reltuples is -1 for a table never analyzed (PostgreSQL 14+) or 0 (older).
SELECT c.relname,
       c.reltuples::bigint                                  AS estimated_rows,
       coalesce(s.n_live_tup, 0)                            AS live_rows,
       coalesce(s.n_mod_since_analyze, 0)                   AS modified_since_analyze,
       (s.last_analyze IS NOT NULL OR s.last_autoanalyze IS NOT NULL) AS analyzed
FROM pg_class c
LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE c.relname = ANY (?)
  AND c.relkind IN ('r', 'p', 'm')
  AND pg_table_is_visible(c.oid)
