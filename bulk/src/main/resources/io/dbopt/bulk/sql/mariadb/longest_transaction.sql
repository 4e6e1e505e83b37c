-- Seconds the oldest open InnoDB transaction of another session has been running (needs PROCESS).
SELECT COALESCE(MAX(TIMESTAMPDIFF(SECOND, trx_started, NOW())), 0)
FROM information_schema.INNODB_TRX
WHERE trx_mysql_thread_id <> CONNECTION_ID()
