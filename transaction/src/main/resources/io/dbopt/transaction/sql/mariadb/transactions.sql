-- Sessions of the current database with an open InnoDB transaction, other than this one. blocked_by lists the
-- connection ids holding the locks the session waits for (INNODB_LOCK_WAITS).
SELECT CAST(t.trx_mysql_thread_id AS CHAR) AS session_id,
       coalesce(p.USER, '') AS user_name,
       coalesce(substring_index(p.HOST, ':', 1), '(none)') AS application,
       CASE WHEN t.trx_state = 'LOCK WAIT' THEN 'waiting for lock'
            WHEN p.COMMAND = 'Sleep' THEN 'idle in transaction'
            ELSE 'active' END AS state,
       TIMESTAMPDIFF(MICROSECOND, t.trx_started, NOW(6)) / 1000000 AS transaction_seconds,
       coalesce(p.TIME_MS / 1000, p.TIME, 0) AS state_seconds,
       coalesce((SELECT GROUP_CONCAT(b.trx_mysql_thread_id ORDER BY b.trx_mysql_thread_id)
                 FROM information_schema.INNODB_LOCK_WAITS w
                 JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
                 WHERE w.requesting_trx_id = t.trx_id), '') AS blocked_by,
       coalesce((SELECT CONCAT(l.lock_mode, ' on ', l.lock_table)
                 FROM information_schema.INNODB_LOCKS l
                 WHERE l.lock_id = t.trx_requested_lock_id LIMIT 1), '') AS waiting_for,
       coalesce(p.INFO, t.trx_query, '') AS query
FROM information_schema.INNODB_TRX t
JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
WHERE p.DB = DATABASE()
  AND t.trx_mysql_thread_id <> CONNECTION_ID()
ORDER BY t.trx_started, t.trx_mysql_thread_id
