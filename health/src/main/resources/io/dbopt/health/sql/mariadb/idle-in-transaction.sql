-- health.idle-in-transaction: sessions in this database sleeping while their InnoDB transaction stays open longer
-- than the threshold (INNODB_TRX needs the PROCESS privilege).
-- Parameters: threshold in seconds.
SELECT p.ID AS pid,
       p.USER AS user_name,
       coalesce(p.HOST, '') AS application,
       p.TIME AS seconds
FROM information_schema.INNODB_TRX t
JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
WHERE p.DB = DATABASE()
  AND p.COMMAND = 'Sleep'
  AND p.ID <> CONNECTION_ID()
  AND p.TIME >= ?
ORDER BY p.TIME DESC
LIMIT 50
