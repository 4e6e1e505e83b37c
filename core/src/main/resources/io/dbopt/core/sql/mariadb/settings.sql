-- Settings the doctor reports and advises on, as new sessions get them. GLOBAL, because the driver
-- enforces dbopt's own query timeout by setting max_statement_time on this very session.
SHOW GLOBAL VARIABLES WHERE Variable_name IN ('max_connections', 'max_user_connections', 'max_statement_time',
    'max_execution_time', 'lock_wait_timeout', 'innodb_lock_wait_timeout', 'wait_timeout',
    'idle_transaction_timeout', 'idle_write_transaction_timeout', 'performance_schema', 'long_query_time',
    'slow_query_log', 'transaction_isolation', 'tx_isolation', 'innodb_buffer_pool_size')
