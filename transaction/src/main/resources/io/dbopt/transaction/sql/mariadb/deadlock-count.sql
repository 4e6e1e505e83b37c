-- Deadlocks InnoDB detected server-wide since it started (MariaDB counts them per server only).
SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_DEADLOCKS'
