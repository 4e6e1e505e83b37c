-- health.history-list: undo records InnoDB's purge has not removed yet, and the age of the oldest open
-- transaction, whose read view keeps purge from going further.
SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME = 'INNODB_HISTORY_LIST_LENGTH') + 0 AS history_length,
       coalesce((SELECT max(TIMESTAMPDIFF(SECOND, trx_started, NOW())) FROM information_schema.INNODB_TRX), 0)
           AS oldest_transaction_seconds
