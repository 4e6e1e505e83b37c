-- Whether pg_stat_statements is installed in the current database, its version, and the schema it was installed
-- in (quoted as SQL needs it), which need not be on the search path.
SELECT extversion, extnamespace::regnamespace::text AS schema_name FROM pg_extension WHERE extname = 'pg_stat_statements'
