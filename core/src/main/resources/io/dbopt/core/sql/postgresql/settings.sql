-- Settings the doctor reports and advises on, as the current session sees them (role and database
-- overrides applied). Durations are normalised to milliseconds, sizes to readable units.
SELECT name,
       setting,
       coalesce(unit, '') AS unit,
       CASE WHEN unit = '8kB' THEN pg_size_pretty(setting::bigint * 8192)
            WHEN unit = 'kB' THEN pg_size_pretty(setting::bigint * 1024)
            WHEN unit = 'MB' THEN pg_size_pretty(setting::bigint * 1024 * 1024)
            ELSE NULL END AS size,
       CASE WHEN setting = '-1' THEN NULL
            WHEN unit = 'ms' THEN setting::bigint
            WHEN unit = 's' THEN setting::bigint * 1000
            WHEN unit = 'min' THEN setting::bigint * 60000
            ELSE NULL END AS millis,
       source
FROM pg_settings
WHERE name IN ('max_connections', 'superuser_reserved_connections', 'statement_timeout', 'lock_timeout',
               'idle_in_transaction_session_timeout', 'idle_session_timeout', 'deadlock_timeout',
               'shared_preload_libraries', 'track_io_timing', 'log_min_duration_statement', 'work_mem',
               'shared_buffers', 'default_transaction_isolation')
ORDER BY name
