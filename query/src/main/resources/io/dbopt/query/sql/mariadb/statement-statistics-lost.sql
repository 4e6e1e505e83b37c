-- How many statement digests performance_schema could not record because its digest table was full, and its size.
SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME = 'PERFORMANCE_SCHEMA_DIGEST_LOST') AS lost,
       @@performance_schema_digests_size                      AS capacity
