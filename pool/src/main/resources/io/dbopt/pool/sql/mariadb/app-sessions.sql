-- Client sessions whose driver sent this program name as a connection attribute (every instance of the
-- application), except the session running this query. A sleeping session with an open InnoDB transaction is
-- "idle in transaction", as PostgreSQL would call it.
SELECT p.ID AS session_id,
       CASE WHEN p.COMMAND = 'Sleep' AND t.trx_id IS NOT NULL THEN 'idle in transaction'
            WHEN p.COMMAND = 'Sleep' THEN 'idle'
            ELSE 'active' END AS state,
       p.TIME AS state_seconds,
       coalesce(TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), -1) AS transaction_seconds
FROM information_schema.PROCESSLIST p
JOIN performance_schema.session_connect_attrs a
  ON a.PROCESSLIST_ID = p.ID AND a.ATTR_NAME = 'program_name'
LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE a.ATTR_VALUE = ?
  AND p.ID <> CONNECTION_ID()
