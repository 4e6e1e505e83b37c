-- health.connections: client sessions on the whole server against max_connections minus the slots reserved for
-- superusers (and, from PostgreSQL 16, for roles with pg_use_reserved_connections), as the postgres mixin counts them.
SELECT (SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend') AS sessions,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int
           + coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0) AS reserved
