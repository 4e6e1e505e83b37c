-- expect: require-concurrent-partition-detach quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE measurements DETACH PARTITION measurements_2020 FINALIZE;
