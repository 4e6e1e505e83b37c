-- Whether pg_stat_statements is installed in the current database, and its version.
SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'
