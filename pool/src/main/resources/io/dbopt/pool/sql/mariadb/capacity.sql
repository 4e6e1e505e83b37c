-- The server's connection limit (MariaDB keeps one extra slot for SUPER, outside max_connections) and the client
-- sessions open now.
SELECT @@max_connections AS max_connections,
       0 AS reserved_connections,
       (SELECT count(*)
          FROM information_schema.PROCESSLIST
         WHERE COMMAND NOT IN ('Daemon', 'Binlog Dump')
           AND USER NOT IN ('system user', 'event_scheduler')) AS sessions
