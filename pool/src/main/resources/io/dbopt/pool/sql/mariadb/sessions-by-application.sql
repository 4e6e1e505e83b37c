-- Client sessions per program name (the driver's connection attribute; "user <name>" when none was sent), by
-- state, with the number of distinct client hosts, except the session running this query.
SELECT coalesce(a.ATTR_VALUE, concat('user ', p.USER)) AS application,
       count(*) AS sessions,
       sum(p.COMMAND <> 'Sleep') AS active,
       sum(p.COMMAND = 'Sleep' AND t.trx_id IS NULL) AS idle,
       sum(p.COMMAND = 'Sleep' AND t.trx_id IS NOT NULL) AS idle_in_transaction,
       count(DISTINCT SUBSTRING_INDEX(p.HOST, ':', 1)) AS client_hosts
FROM information_schema.PROCESSLIST p
LEFT JOIN performance_schema.session_connect_attrs a
  ON a.PROCESSLIST_ID = p.ID AND a.ATTR_NAME = 'program_name'
LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE p.ID <> CONNECTION_ID()
  AND p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Killed')
  AND p.USER NOT IN ('system user', 'event_scheduler')
GROUP BY 1
ORDER BY 2 DESC, 1
