-- Tables of a schema with the planner's row estimate (reltuples is -1 before the first ANALYZE on 14+).
-- The second and third parameters limit it to some tables (NULL: every table).
SELECT c.relname AS table_name,
       greatest(c.reltuples, 0)::bigint AS estimated_rows
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ?
  AND c.relkind IN ('r', 'p')
  AND (?::text[] IS NULL OR c.relname = ANY (?::text[]))
ORDER BY c.relname
