-- Sessions in this database by what they are doing, for the performance monitor (other users' sessions need the
-- PROCESS privilege). The checker's own session is left out.
-- Parameters: slow threshold in seconds.
SELECT coalesce(sum(COMMAND IN ('Query', 'Execute')), 0) AS active,
       coalesce(sum(COMMAND IN ('Query', 'Execute') AND (STATE LIKE '%lock%')), 0) AS waiting,
       coalesce(sum(COMMAND = 'Sleep' AND ID IN (SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX)), 0)
           AS idle_in_transaction,
       coalesce(sum(COMMAND IN ('Query', 'Execute') AND TIME_MS >= ? * 1000), 0) AS slow
FROM information_schema.PROCESSLIST
WHERE DB = DATABASE()
  AND ID <> CONNECTION_ID()
