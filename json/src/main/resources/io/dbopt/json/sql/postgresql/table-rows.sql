-- Estimated rows of every table of the current schema (from its pages before the first ANALYZE; -1 for a partitioned
-- table, whose rows are its partitions'). The history sampling bounds how many rows one query reads with it.
SELECT c.relname AS table_name,
       CASE WHEN c.relkind = 'p' THEN -1
            WHEN c.reltuples >= 0 THEN c.reltuples::bigint
            ELSE pg_relation_size(c.oid) / 8192 * 100 END AS table_rows
FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace
  AND c.relkind IN ('r', 'p')
