-- health.replication-lag: SHOW ALL SLAVES STATUS (every replication connection of this replica); needs the
-- REPLICA MONITOR (10.5+) or REPLICATION CLIENT privilege.
SHOW ALL SLAVES STATUS
