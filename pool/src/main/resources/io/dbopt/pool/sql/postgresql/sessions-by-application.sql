-- Client sessions per application name, by state, with the number of distinct client hosts (a hint of how many
-- instances share the name), except the session running this query.
SELECT coalesce(nullif(application_name, ''), '(none)') AS application,
       count(*) AS sessions,
       count(*) FILTER (WHERE state = 'active') AS active,
       count(*) FILTER (WHERE state = 'idle') AS idle,
       count(*) FILTER (WHERE state LIKE 'idle in transaction%') AS idle_in_transaction,
       count(DISTINCT client_addr) AS client_hosts
FROM pg_stat_activity
WHERE backend_type = 'client backend'
  AND pid <> pg_backend_pid()
GROUP BY 1
ORDER BY 2 DESC, 1
