-- health.long-queries: statements in this database running longer than the threshold, oldest first. Never the
-- statement text (it may hold values). Sessions of other users are visible with the PROCESS privilege.
-- Parameters: threshold in seconds.
SELECT ID AS pid,
       USER AS user_name,
       coalesce(HOST, '') AS application,
       TIME_MS / 1000 AS seconds
FROM information_schema.PROCESSLIST
WHERE DB = DATABASE()
  AND COMMAND IN ('Query', 'Execute')
  AND ID <> CONNECTION_ID()
  AND TIME_MS >= ? * 1000
ORDER BY TIME_MS DESC
LIMIT 50
