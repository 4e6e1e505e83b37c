-- How often pg_stat_statements had to evict entries because it was full (PostgreSQL 14+), and its capacity.
SELECT i.dealloc, current_setting('pg_stat_statements.max')::bigint FROM pg_stat_statements_info i
