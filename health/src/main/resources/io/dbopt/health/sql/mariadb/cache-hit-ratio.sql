-- health.cache-hit-ratio: InnoDB buffer pool logical reads against the reads that had to go to disk, since start.
SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_READ_REQUESTS') - (SELECT VARIABLE_VALUE
        FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_READS') AS blks_hit,
       (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_READS') + 0 AS blks_read
