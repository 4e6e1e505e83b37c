-- Tables of the current database holding many dead rows: at least ? dead rows and ? times the live ones.
SELECT quote_ident(schemaname) || '.' || quote_ident(relname), n_live_tup, n_dead_tup
FROM pg_stat_user_tables
WHERE n_dead_tup >= ? AND n_dead_tup >= ? * GREATEST(n_live_tup, 1)
ORDER BY n_dead_tup DESC
LIMIT 20
