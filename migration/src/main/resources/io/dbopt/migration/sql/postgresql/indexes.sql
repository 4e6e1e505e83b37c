-- Indexes that do not back a primary key, unique or exclusion constraint (those are read as constraints).
-- The second and third parameters limit it to some tables (NULL: every table).
SELECT t.relname AS table_name,
       i.relname AS index_name,
       ix.indisunique AS is_unique,
       ix.indisvalid AS is_valid,
       pg_get_indexdef(ix.indexrelid) AS definition,
       pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
       ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k + 1, true)
             FROM generate_subscripts(ix.indkey, 1) AS k
             WHERE k < ix.indnkeyatts
             ORDER BY k)::text[] AS columns
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND t.relkind IN ('r', 'p')
  -- a constraint an index backs belongs to the index's table: conrelid lets the server look it up by index instead of
  -- reading all of pg_constraint once per index
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conrelid = ix.indrelid AND con.conindid = ix.indexrelid
                    AND con.contype IN ('p', 'u', 'x'))
  AND (?::text[] IS NULL OR t.relname = ANY (?::text[]))
ORDER BY t.relname, i.relname
