-- The MariaDB index checks' shared snapshot, part 3 (MariaDbIndexCatalog): pages allocated to each index of the schema
-- (InnoDB's persistent statistics), in bytes. Indexes without a row (other engines, partitions) count 0.
-- Parameters: schema.
SELECT table_name,
       index_name,
       stat_value * @@innodb_page_size AS index_bytes
FROM mysql.innodb_index_stats
WHERE database_name = ?
  AND stat_name = 'size'
