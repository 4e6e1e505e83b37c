-- Seconds of replication lag: the largest replay lag of the standbys on a primary, the replay delay on a standby.
SELECT COALESCE(
         (SELECT max(extract(epoch FROM replay_lag)) FROM pg_stat_replication),
         CASE WHEN pg_is_in_recovery() THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END,
         0)::float8
