-- Client sessions of one user, when the server cannot tell applications apart (performance_schema off), except
-- the session running this query. A sleeping session with an open InnoDB transaction is "idle in transaction".
SELECT p.ID AS session_id,
       CASE WHEN p.COMMAND = 'Sleep' AND t.trx_id IS NOT NULL THEN 'idle in transaction'
            WHEN p.COMMAND = 'Sleep' THEN 'idle'
            ELSE 'active' END AS state,
       p.TIME AS state_seconds,
       coalesce(TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), -1) AS transaction_seconds
FROM information_schema.PROCESSLIST p
LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE p.USER = ?
  AND p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Killed')
  AND p.ID <> CONNECTION_ID()
