-- Whether performance_schema runs and collects statement digests.
SELECT @@performance_schema AS enabled,
       (SELECT ENABLED FROM performance_schema.setup_consumers WHERE NAME = 'statements_digest') AS digests
