-- health.replication-slots: inactive replication slots and the WAL they keep from being removed.
SELECT slot_name,
       slot_type,
       coalesce(database, '') AS database_name,
       coalesce(pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn()
                                     ELSE pg_current_wal_lsn() END, restart_lsn), 0)::bigint AS retained_bytes
FROM pg_catalog.pg_replication_slots
WHERE NOT active
ORDER BY retained_bytes DESC, slot_name
