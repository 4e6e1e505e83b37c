-- health.connections: connected threads on the whole server against max_connections (MariaDB keeps one extra
-- connection for SUPER / CONNECTION ADMIN on top, so none is reserved out of max_connections).
SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME = 'THREADS_CONNECTED') + 0 AS sessions,
       @@global.max_connections AS max_connections,
       0 AS reserved
