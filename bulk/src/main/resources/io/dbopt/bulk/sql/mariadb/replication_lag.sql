-- Replication state of this server as a replica: the lag is read from the Seconds_Behind_Master column (no row on a
-- server that replicates from nobody).
SHOW ALL SLAVES STATUS
