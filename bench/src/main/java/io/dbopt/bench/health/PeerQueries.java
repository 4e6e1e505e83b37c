package io.dbopt.bench.health;

import java.util.List;

/**
 * The statements the peers run for the same checks, as their sources write them (PgHero 3.x overview page,
 * check_postgres 2.26 actions, mysqld_exporter collectors), reformatted; version branches for servers older than
 * PostgreSQL 12 / MariaDB 10.5 dropped. Each peer's statements are run in order on one open connection, which
 * favours check_postgres (one psql process and connection per action in real use).
 */
final class PeerQueries {

    private PeerQueries() {
    }

    /**
     * PgHero's overview page with {@code extended} on and query stats off: replication slots, long-running queries,
     * connection states, transaction-ID danger, sequences (three statements), indexes (for invalid and duplicate
     * ones), invalid constraints, table and index hit rates, unused indexes.
     */
    static final List<String> PGHERO = List.of(
            "SELECT slot_name, database, active FROM pg_replication_slots",
            """
            SELECT pid, state, application_name AS source, age(NOW(), COALESCE(query_start, xact_start)) AS duration,
                   wait_event IS NOT NULL AS waiting, query, COALESCE(query_start, xact_start) AS started_at,
                   EXTRACT(EPOCH FROM NOW() - COALESCE(query_start, xact_start)) * 1000.0 AS duration_ms,
                   usename AS user, backend_type
            FROM pg_stat_activity
            WHERE state <> 'idle' AND pid <> pg_backend_pid() AND datname = current_database()
              AND NOW() - COALESCE(query_start, xact_start) > interval '60 seconds'
              AND query <> '<insufficient privilege>'
            ORDER BY COALESCE(query_start, xact_start) DESC""",
            "SELECT state, COUNT(*) AS connections FROM pg_stat_activity GROUP BY 1 ORDER BY 2 DESC, 1",
            """
            SELECT n.nspname AS schema, c.relname AS table,
                   2146483648 - GREATEST(AGE(c.relfrozenxid), AGE(t.relfrozenxid)) AS transactions_left
            FROM pg_class c
            INNER JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class t ON c.reltoastrelid = t.oid
            WHERE c.relkind = 'r' AND (2146483648 - GREATEST(AGE(c.relfrozenxid), AGE(t.relfrozenxid))) < 1500000000
            ORDER BY 3, 1, 2""",
            """
            SELECT sn.nspname AS schema, s.relname AS sequence, n.nspname AS table_schema, c.relname AS table,
                   attname AS column, format_type(a.atttypid, a.atttypmod) AS column_type,
                   pg_get_expr(d.adbin, d.adrelid) AS default_value
            FROM pg_catalog.pg_attribute a
            INNER JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            INNER JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_depend dep ON dep.refclassid = 'pg_catalog.pg_class'::regclass
                AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum
                AND dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objsubid = 0
                AND dep.deptype IN ('i', 'a') AND dep.objid IN (SELECT oid FROM pg_class WHERE relkind = 'S')
            LEFT JOIN pg_catalog.pg_class s ON s.oid = dep.objid
            LEFT JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
            LEFT JOIN pg_catalog.pg_attrdef d ON a.attrelid = d.adrelid AND a.attnum = d.adnum AND s.relkind IS NULL
            WHERE NOT a.attisdropped AND a.attnum > 0
              AND (pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval%' OR s.relname IS NOT NULL)
              AND c.relpersistence <> 't'""",
            """
            SELECT n.nspname AS schema, c.relname AS sequence,
                   has_sequence_privilege(c.oid, 'SELECT') AND (c.relpersistence <> 'u' OR NOT pg_is_in_recovery())
                       AS readable
            FROM pg_class c INNER JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S' AND n.nspname NOT IN ('pg_catalog', 'information_schema')""",
            """
            SELECT schemaname AS schema, sequencename AS sequence, COALESCE(last_value, start_value) AS last_value
            FROM pg_sequences""",
            """
            SELECT schemaname AS schema, t.relname AS table, ix.relname AS name,
                   regexp_replace(pg_get_indexdef(i.indexrelid), '^[^\\(]*\\((.*)\\)$', '\\1') AS columns,
                   regexp_replace(pg_get_indexdef(i.indexrelid), '.* USING ([^ ]*) \\(.*', '\\1') AS using,
                   indisunique AS unique, indisprimary AS primary, indisvalid AS valid, indexprs::text, indpred::text,
                   pg_get_indexdef(i.indexrelid) AS definition
            FROM pg_index i
            INNER JOIN pg_class t ON t.oid = i.indrelid
            INNER JOIN pg_class ix ON ix.oid = i.indexrelid
            LEFT JOIN pg_stat_user_indexes ui ON ui.indexrelid = i.indexrelid
            WHERE schemaname IS NOT NULL
            ORDER BY 1, 2""",
            """
            SELECT nsp.nspname AS schema, rel.relname AS table, con.conname AS name,
                   fnsp.nspname AS referenced_schema, frel.relname AS referenced_table
            FROM pg_catalog.pg_constraint con
            INNER JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid
            LEFT JOIN pg_catalog.pg_class frel ON frel.oid = con.confrelid
            LEFT JOIN pg_catalog.pg_namespace nsp ON nsp.oid = con.connamespace
            LEFT JOIN pg_catalog.pg_namespace fnsp ON fnsp.oid = frel.relnamespace
            WHERE con.convalidated = 'f'""",
            """
            SELECT (sum(idx_blks_hit)) / nullif(sum(idx_blks_hit + idx_blks_read), 0) AS rate
            FROM pg_statio_user_indexes""",
            """
            SELECT sum(heap_blks_hit) / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0) AS rate
            FROM pg_statio_user_tables""",
            """
            SELECT schemaname AS schema, relname AS table, indexrelname AS index,
                   pg_relation_size(i.indexrelid) AS size_bytes, idx_scan as index_scans
            FROM pg_stat_user_indexes ui INNER JOIN pg_index i ON ui.indexrelid = i.indexrelid
            WHERE NOT indisunique AND idx_scan <= 0 AND pg_relation_size(i.indexrelid) >= 10485760
            ORDER BY pg_relation_size(i.indexrelid) DESC, relname ASC""");

    /**
     * check_postgres actions covering the same ground: backends, query_time, txn_idle, lockwait, txn_wraparound,
     * autovac_freeze, sequence, hitratio, bloat, replication_slots.
     */
    static final List<String> CHECK_POSTGRES = List.of(
            """
            SELECT COUNT(datid) AS current,
                   (SELECT setting AS mc FROM pg_settings WHERE name = 'max_connections') AS mc, d.datname
            FROM pg_database d LEFT JOIN pg_stat_activity s ON (s.datid = d.oid)
            GROUP BY 2, 3 ORDER BY datname""",
            """
            SELECT datname, datid, pid, usename, client_addr, xact_start, query AS current_query, state,
                   CASE WHEN client_port < 0 THEN 0 ELSE client_port END AS client_port,
                   COALESCE(ROUND(EXTRACT(epoch FROM now()-state_change)),0) AS seconds
            FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND (state_change IS NOT NULL AND (state NOT LIKE 'idle%'
                  OR state IS NULL))
            ORDER BY xact_start, state_change, pid DESC""",
            """
            SELECT datname, datid, pid, usename, client_addr, xact_start, query AS current_query, state,
                   CASE WHEN client_port < 0 THEN 0 ELSE client_port END AS client_port,
                   COALESCE(ROUND(EXTRACT(epoch FROM now()-xact_start)),0) AS seconds
            FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND ((state = 'idle in transaction' OR state IS NULL))
            ORDER BY xact_start, state_change, pid DESC""",
            """
            SELECT a.datname AS datname, bl.pid AS blocked_pid, a.usename AS blocked_user, ka.pid AS blocking_pid,
                   ka.usename AS blocking_user, round(extract (epoch from current_timestamp - a.query_start))
                       AS waited_sec, a.query AS blocked_statement
            FROM pg_catalog.pg_locks bl
            JOIN pg_catalog.pg_stat_activity a ON a.pid = bl.pid
            JOIN pg_catalog.pg_stat_activity ka ON (ka.pid = ANY(pg_blocking_pids(bl.pid)))
            WHERE NOT bl.granted""",
            "SELECT datname, age(datfrozenxid) AS age FROM pg_database WHERE datallowconn ORDER BY 1, 2",
            """
            SELECT freez, txns, ROUND(100*(txns/freez::float)) AS perc, datname
            FROM (SELECT foo.freez::int, age(datfrozenxid) AS txns, datname
                  FROM pg_database d JOIN (SELECT setting AS freez FROM pg_settings
                                           WHERE name = 'autovacuum_freeze_max_age') AS foo ON (true)
                  WHERE d.datallowconn) AS foo2
            ORDER BY 3 DESC, 4 ASC""",
            """
            SELECT seqname, last_value, slots, used,
                   ROUND(used/slots*100) AS percent, CASE WHEN slots < used THEN 0 ELSE slots - used END AS numleft
            FROM (SELECT quote_ident(schemaname)||'.'||quote_ident(sequencename) AS seqname,
                         COALESCE(last_value,min_value) AS last_value, cycle,
                         CEIL((max_value-min_value::NUMERIC+1)/increment_by::NUMERIC) AS slots,
                         CEIL((COALESCE(last_value,min_value)-min_value::NUMERIC+1)/increment_by::NUMERIC) AS used
                  FROM pg_sequences) foo""",
            """
            SELECT round(100.*sd.blks_hit/(sd.blks_read+sd.blks_hit), 2) AS dhitratio, d.datname,
                   r.rolname AS rolname
            FROM pg_stat_database sd JOIN pg_database d ON (d.oid=sd.datid) JOIN pg_roles r ON (r.oid=d.datdba)
            WHERE sd.blks_read+sd.blks_hit<>0""",
            """
            SELECT current_database() AS db, schemaname, tablename, reltuples::bigint AS tups,
                   relpages::bigint AS pages, otta,
                   ROUND(CASE WHEN otta=0 OR sml.relpages=0 OR sml.relpages=otta THEN 0.0
                              ELSE sml.relpages/otta::numeric END,1) AS tbloat,
                   CASE WHEN relpages < otta THEN 0 ELSE relpages::bigint - otta END AS wastedpages,
                   CASE WHEN relpages < otta THEN 0 ELSE bs*(sml.relpages-otta)::bigint END AS wastedbytes,
                   iname, ituples::bigint AS itups, ipages::bigint AS ipages, iotta,
                   ROUND(CASE WHEN iotta=0 OR ipages=0 OR ipages=iotta THEN 0.0 ELSE ipages/iotta::numeric END,1)
                       AS ibloat,
                   CASE WHEN ipages < iotta THEN 0 ELSE bs*(ipages-iotta) END AS wastedibytes,
                   CASE WHEN relpages < otta THEN CASE WHEN ipages < iotta THEN 0 ELSE bs*(ipages-iotta::bigint) END
                        ELSE CASE WHEN ipages < iotta THEN bs*(relpages-otta::bigint)
                                  ELSE bs*(relpages-otta::bigint + ipages-iotta::bigint) END
                   END AS totalwastedbytes
            FROM (
              SELECT nn.nspname AS schemaname, cc.relname AS tablename, COALESCE(cc.reltuples,0) AS reltuples,
                     COALESCE(cc.relpages,0) AS relpages, COALESCE(bs,0) AS bs,
                     COALESCE(CEIL((cc.reltuples*((datahdr+ma-
                       (CASE WHEN datahdr%ma=0 THEN ma ELSE datahdr%ma END))+nullhdr2+4))/(bs-20::float)),0) AS otta,
                     COALESCE(c2.relname,'?') AS iname, COALESCE(c2.reltuples,0) AS ituples,
                     COALESCE(c2.relpages,0) AS ipages,
                     COALESCE(CEIL((c2.reltuples*(datahdr-12))/(bs-20::float)),0) AS iotta
              FROM pg_class cc
              JOIN pg_namespace nn ON cc.relnamespace = nn.oid AND nn.nspname <> 'information_schema'
              LEFT JOIN (
                SELECT ma, bs, foo.nspname, foo.relname,
                       (datawidth+(hdr+ma-(case when hdr%ma=0 THEN ma ELSE hdr%ma END)))::numeric AS datahdr,
                       (maxfracsum*(nullhdr+ma-(case when nullhdr%ma=0 THEN ma ELSE nullhdr%ma END))) AS nullhdr2
                FROM (
                  SELECT ns.nspname, tbl.relname, hdr, ma, bs,
                         SUM((1-coalesce(null_frac,0))*coalesce(avg_width, 2048)) AS datawidth,
                         MAX(coalesce(null_frac,0)) AS maxfracsum,
                         hdr+(SELECT 1+count(*)/8 FROM pg_stats s2
                              WHERE null_frac<>0 AND s2.schemaname = ns.nspname AND s2.tablename = tbl.relname)
                             AS nullhdr
                  FROM pg_attribute att
                  JOIN pg_class tbl ON att.attrelid = tbl.oid
                  JOIN pg_namespace ns ON ns.oid = tbl.relnamespace
                  LEFT JOIN pg_stats s ON s.schemaname=ns.nspname AND s.tablename = tbl.relname
                       AND s.inherited=false AND s.attname=att.attname,
                  (SELECT (SELECT current_setting('block_size')::numeric) AS bs, 23 AS hdr, 8 AS ma) AS constants
                  WHERE att.attnum > 0 AND tbl.relkind='r'
                  GROUP BY 1,2,3,4,5
                ) AS foo
              ) AS rs ON cc.relname = rs.relname AND nn.nspname = rs.nspname
              LEFT JOIN pg_index i ON indrelid = cc.oid
              LEFT JOIN pg_class c2 ON c2.oid = i.indexrelid
            ) AS sml
            WHERE sml.relpages - otta > 10 OR ipages - iotta > 15
            ORDER BY totalwastedbytes DESC LIMIT 10""",
            """
            WITH slots AS (SELECT slot_name, slot_type, coalesce(restart_lsn, '0/0'::pg_lsn) AS slot_lsn,
                                  coalesce(pg_wal_lsn_diff(case when pg_is_in_recovery() then pg_last_wal_receive_lsn()
                                      else pg_current_wal_lsn() end, restart_lsn), 0) AS delta, active
                           FROM pg_replication_slots)
            SELECT *, pg_size_pretty(delta) AS delta_pretty FROM slots""");

    /**
     * mysqld_exporter's collectors for the same ground on MariaDB: global status and variables, the process list,
     * AUTO_INCREMENT columns (restricted here to the monitored schema: the collector reads every schema, which on the
     * shared test server holds hundreds of test databases), tables (size and free space of the monitored schema), InnoDB metrics (MariaDB names the column {@code enabled}), replica status. Several of these
     * collectors are off by default; they are the ones that cover the same checks.
     */
    static final List<String> MYSQLD_EXPORTER = List.of(
            "SHOW GLOBAL STATUS",
            "SHOW GLOBAL VARIABLES",
            """
            SELECT user, SUBSTRING_INDEX(host, ':', 1) AS host, COALESCE(command, '') AS command,
                   COALESCE(state, '') AS state, COUNT(*) AS processes, SUM(time) AS seconds
            FROM information_schema.processlist
            WHERE ID != connection_id() AND TIME >= 0
            GROUP BY user, host, command, state""",
            """
            SELECT c.table_schema, c.table_name, column_name, auto_increment,
                   pow(2, case data_type when 'tinyint' then 7 when 'smallint' then 15 when 'mediumint' then 23
                                         when 'int' then 31 when 'bigint' then 63 end
                          + (column_type like '% unsigned')) - 1 as max_int
            FROM information_schema.columns c
            STRAIGHT_JOIN information_schema.tables t
                ON (BINARY c.table_schema = t.table_schema AND BINARY c.table_name = t.table_name)
            WHERE c.extra = 'auto_increment' AND t.auto_increment IS NOT NULL
              AND c.table_schema = DATABASE()""",
            """
            SELECT SCHEMA_NAME FROM information_schema.schemata
            WHERE SCHEMA_NAME NOT IN ('mysql', 'performance_schema', 'information_schema', 'sys')""",
            """
            SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ifnull(ENGINE, 'NONE') as ENGINE,
                   ifnull(VERSION, '0') as VERSION, ifnull(ROW_FORMAT, 'NONE') as ROW_FORMAT,
                   ifnull(TABLE_ROWS, '0') as TABLE_ROWS, ifnull(DATA_LENGTH, '0') as DATA_LENGTH,
                   ifnull(INDEX_LENGTH, '0') as INDEX_LENGTH, ifnull(DATA_FREE, '0') as DATA_FREE,
                   ifnull(CREATE_OPTIONS, 'NONE') as CREATE_OPTIONS
            FROM information_schema.tables WHERE TABLE_SCHEMA = DATABASE()""",
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'information_schema' AND table_name = 'INNODB_METRICS'
              AND column_name IN ('status', 'enabled') LIMIT 1""",
            "SELECT name, subsystem, type, comment, count FROM information_schema.innodb_metrics WHERE `enabled` = '1'",
            "SHOW ALL SLAVES STATUS");
}
