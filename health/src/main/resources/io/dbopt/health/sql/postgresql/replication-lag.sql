-- health.replication-lag: on a standby, how far replay is behind (PgHero's measure: zero when everything received is
-- replayed); on a primary, the replay lag each connected standby reports (pg_stat_replication, PostgreSQL 10+).
SELECT 'standby' AS role,
       '' AS peer,
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8 AS lag_seconds,
       true AS streaming
WHERE pg_is_in_recovery()
UNION ALL
SELECT 'primary',
       coalesce(nullif(application_name, ''), client_addr::text, 'standby'),
       coalesce(extract(epoch FROM replay_lag), 0)::float8,
       state = 'streaming'
FROM pg_catalog.pg_stat_replication
WHERE NOT pg_is_in_recovery()
ORDER BY lag_seconds DESC
