-- Client sessions the server attributes to one application name (every instance of the application), except the
-- session running this query, with their state, how long they have been in it, and how old their transaction is.
SELECT pid AS session_id,
       coalesce(state, 'unknown') AS state,
       coalesce(extract(epoch FROM now() - state_change)::bigint, 0) AS state_seconds,
       coalesce(extract(epoch FROM now() - xact_start)::bigint, -1) AS transaction_seconds
FROM pg_stat_activity
WHERE backend_type = 'client backend'
  AND application_name = ?
  AND pid <> pg_backend_pid()
