-- health.blocked-sessions: sessions in this database waiting for an InnoDB row lock (with the first transaction
-- blocking them) or for a metadata lock, and how long they have waited.
SELECT p.ID AS pid,
       p.USER AS user_name,
       coalesce(p.HOST, '') AS application,
       TIMESTAMPDIFF(MICROSECOND, r.trx_wait_started, NOW(6)) / 1000000 AS seconds,
       coalesce((SELECT b.trx_mysql_thread_id
                 FROM information_schema.INNODB_LOCK_WAITS w
                 JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
                 WHERE w.requesting_trx_id = r.trx_id
                 LIMIT 1), 0) AS blocker_pid
FROM information_schema.INNODB_TRX r
JOIN information_schema.PROCESSLIST p ON p.ID = r.trx_mysql_thread_id
WHERE r.trx_state = 'LOCK WAIT'
  AND p.DB = DATABASE()
UNION ALL
SELECT ID, USER, coalesce(HOST, ''), TIME_MS / 1000, 0
FROM information_schema.PROCESSLIST
WHERE DB = DATABASE()
  AND STATE LIKE 'Waiting for%metadata lock'
ORDER BY seconds DESC
LIMIT 50
