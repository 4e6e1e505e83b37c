-- Client sessions other than our own, by state and user. A sleeping session with an open InnoDB
-- transaction is "idle in transaction", as PostgreSQL would call it.
SELECT CASE WHEN p.COMMAND = 'Sleep' AND t.trx_id IS NOT NULL THEN 'idle in transaction'
            WHEN p.COMMAND = 'Sleep' THEN 'idle'
            ELSE 'active' END AS state,
       p.USER AS application,
       count(*) AS sessions,
       coalesce(max(p.TIME), 0) AS longest_seconds
FROM information_schema.PROCESSLIST p
LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE p.ID <> CONNECTION_ID()
  AND p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Killed')
  AND p.USER NOT IN ('system user', 'event_scheduler')
GROUP BY 1, 2
ORDER BY 3 DESC, 1, 2
