-- Client sessions other than our own, by state and application, with the age of the oldest state change.
SELECT coalesce(state, 'unknown') AS state,
       coalesce(nullif(application_name, ''), '(none)') AS application,
       count(*) AS sessions,
       coalesce(max(extract(epoch FROM now() - state_change))::bigint, 0) AS longest_seconds
FROM pg_stat_activity
WHERE backend_type = 'client backend'
  AND pid <> pg_backend_pid()
GROUP BY 1, 2
ORDER BY 3 DESC, 1, 2
